//! The bench's smoke mode runs every measurement on small sizes and writes a whole report, so
//! that the bench cannot rot. The figures themselves are the bench's to print, not this test's
//! to judge.

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
	for plot in ["client-throughput.svg", "client-memory.svg"] {
		let svg = std::fs::read_to_string(out.path().join("bench").join(plot)).unwrap();
		assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{plot}");
		// A bar per series and size, and a legend entry per series.
		let series = if plot.contains("throughput") { 4 } else { 2 };
		assert_eq!(svg.matches("<rect x=").count(), series * 2 + series, "{plot}");
	}
}
