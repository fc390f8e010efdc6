//! The bench's smoke mode runs every measurement on small sizes (the chain's on a real dev
//! node and on the four validators of the `local` network) and writes a whole report, so that the bench cannot rot. The figures themselves are
//! the bench's to print, not this test's to judge; that every transaction the bench sent was
//! finalized, and every figure is there, is.

use std::process::Command;

#[test]
fn smoke_run_writes_the_report_and_its_plots() {
	let out = tempfile::tempdir().unwrap();
	let output = Command::new(env!("CARGO_BIN_EXE_medchain-bench"))
		.args(["--smoke", "--out"])
		.arg(out.path())
		.output()
		.unwrap();
	let stdout = String::from_utf8_lossy(&output.stdout);
	println!("{stdout}");
	assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

	let report = std::fs::read_to_string(out.path().join("benchmarks.md")).unwrap();
	assert!(report.contains("**Smoke run**"), "{report}");
	// One row per size in each table, every figure a positive number.
	for size in ["| 1 MiB |", "| 8 MiB |"] {
		let rows: Vec<_> = report.lines().filter(|line| line.starts_with(size)).collect();
		assert_eq!(rows.len(), 2, "{size} in {report}");
		for row in rows {
			for cell in row.split('|').map(str::trim).filter(|c| !c.is_empty()).skip(1) {
				let value: f64 = cell.parse().unwrap_or_else(|_| panic!("{cell:?} in {row}"));
				assert!(value > 0.0, "{row}");
			}
		}
	}
	// Each chain run, on the dev chain and (the floor and add_record) on the 4-hospital local
	// network: every transaction sent was finalized, none refused or failed.
	assert!(report.contains("## The 4-hospital `local` network"), "{report}");
	for (run, networks) in [
		("floor (set_encryption_key)", 2),
		("add_record", 2),
		("co-signed update", 1),
		("grant", 1),
	] {
		// Throughput rows only ("| grant |" also names a state row).
		let rows: Vec<_> = report
			.lines()
			.filter(|line| line.starts_with(&format!("| {run} |")) && line.contains("refused"))
			.collect();
		assert_eq!(rows.len(), networks, "{run} rows in {report}");
		for row in rows {
			let cells: Vec<&str> = row.split('|').map(str::trim).collect();
			let sent: u32 = cells[2].parse().unwrap();
			assert!(sent > 0, "{row}");
			assert_eq!(cells[3], format!("{sent} (0 refused, 0 failed)"), "{row}");
		}
	}
	// Latency (dev and local) and state figures, positive.
	for (label, rows) in [
		("| submit → in block |", 2),
		("| submit → finalized |", 2),
		("| record |", 1),
		("| epoch |", 1),
	] {
		let found: Vec<_> = report.lines().filter(|line| line.starts_with(label)).collect();
		assert_eq!(found.len(), rows, "{label} in {report}");
		for row in found {
			let last: f64 =
				row.split('|').map(str::trim).rfind(|c| !c.is_empty()).unwrap().parse().unwrap();
			assert!(last > 0.0, "{row}");
		}
	}
	// "| grant |" is a throughput row first, a state row last.
	let row = report.lines().rfind(|line| line.starts_with("| grant |")).unwrap();
	let last: f64 =
		row.split('|').map(str::trim).rfind(|c| !c.is_empty()).unwrap().parse().unwrap();
	assert!(last > 0.0, "{row}");
	// End to end through a storage daemon: both operations timed (the bench itself checks
	// that what `record get` returned is what was added).
	for label in ["| record add → finalized |", "| record get (fetch, verify, decrypt) |"] {
		let row = report.lines().find(|line| line.starts_with(label));
		let row = row.unwrap_or_else(|| panic!("{label} in {report}"));
		let p50 = row.split('|').map(str::trim).nth(2).unwrap();
		assert!(p50.ends_with(" ms") || p50.ends_with(" s"), "{row}");
	}
	// Scale: a row per chain size, every figure positive (the bench itself checks that each
	// patient's records are all in state and answered).
	for patients in ["| 100 |", "| 1000 |"] {
		let row = report.lines().find(|line| line.starts_with(patients));
		let row = row.unwrap_or_else(|| panic!("{patients} in {report}"));
		for cell in row.split('|').map(str::trim).filter(|c| !c.is_empty()) {
			let value: f64 = cell.parse().unwrap_or_else(|_| panic!("{cell:?} in {row}"));
			assert!(value > 0.0, "{row}");
		}
	}
	for (plot, series, groups) in [
		("client-throughput.svg", 4, 2),
		("client-memory.svg", 2, 2),
		("chain-throughput.svg", 1, 4),
		("scale-rpc.svg", 4, 2),
	] {
		let svg = std::fs::read_to_string(out.path().join("bench").join(plot)).unwrap();
		assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{plot}");
		// A bar per series and group, and a legend entry per series.
		assert_eq!(svg.matches("<rect x=").count(), series * groups + series, "{plot}");
	}
}
