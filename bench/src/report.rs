//! The report: `benchmarks.md` with the machine it ran on, and its plots as SVG.

use crate::{client::Client, proc_kib, MIB};
use std::{
	fmt,
	fmt::Write as _,
	path::{Path, PathBuf},
};

/// The machine a run measured.
pub struct Machine {
	cpu: String,
	cores: usize,
	memory_gib: f64,
	commit: String,
}

impl Machine {
	/// CPU model and memory from `/proc`, cores as the process may use them, and the commit
	/// of the checkout the bench runs in (`MEDCHAIN_COMMIT` overrides it).
	pub fn detect() -> Self {
		let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
		let cpu = cpuinfo
			.lines()
			.find_map(|line| line.strip_prefix("model name"))
			.map(|rest| rest.trim_start_matches([' ', '\t', ':']).to_owned())
			.unwrap_or_else(|| "unknown".to_owned());
		let memory_kib = proc_kib("/proc/meminfo", "MemTotal").unwrap_or(0);
		let commit = std::env::var("MEDCHAIN_COMMIT").ok().unwrap_or_else(|| {
			std::process::Command::new("git")
				.args(["rev-parse", "--short=12", "HEAD"])
				.output()
				.ok()
				.filter(|output| output.status.success())
				.map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
				.unwrap_or_else(|| "unknown".to_owned())
		});
		Self {
			cpu,
			cores: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
			memory_gib: memory_kib as f64 / (1024.0 * 1024.0),
			commit,
		}
	}
}

impl fmt::Display for Machine {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(
			f,
			"{}, {} cores, {:.1} GiB memory, commit {}",
			self.cpu, self.cores, self.memory_gib, self.commit
		)
	}
}

fn size_label(bytes: u64) -> String {
	if bytes >= 1024 * MIB {
		format!("{} GiB", bytes / (1024 * MIB))
	} else {
		format!("{} MiB", bytes / MIB)
	}
}

/// A grouped bar chart: one group per label, one bar per series.
fn bar_chart(title: &str, unit: &str, series: &[&str], groups: &[(String, Vec<f64>)]) -> String {
	const COLOURS: [&str; 4] = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759"];
	let (width, height, left, bottom, top) = (720.0, 360.0, 70.0, 50.0, 60.0);
	let max = groups.iter().flat_map(|(_, values)| values.iter().copied()).fold(0.0, f64::max);
	let max = if max > 0.0 { max * 1.1 } else { 1.0 };
	let plot_height = height - bottom - top;
	let group_width = (width - left - 20.0) / groups.len().max(1) as f64;
	let bar_width = group_width * 0.8 / series.len().max(1) as f64;
	let mut svg = String::new();
	let _ = writeln!(
		svg,
		r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">"#
	);
	let _ = writeln!(svg, r#"<rect width="100%" height="100%" fill="white"/>"#);
	let _ = writeln!(
		svg,
		r#"<text x="{}" y="20" font-size="15" text-anchor="middle">{title}</text>"#,
		width / 2.0
	);
	for tick in 0..=4 {
		let value = max * tick as f64 / 4.0;
		let y = height - bottom - plot_height * tick as f64 / 4.0;
		let _ = writeln!(
			svg,
			r##"<line x1="{left}" y1="{y:.1}" x2="{}" y2="{y:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end">{value:.0}</text>"##,
			width - 20.0,
			left - 6.0,
			y + 4.0
		);
	}
	let _ = writeln!(
		svg,
		r#"<text x="16" y="{:.1}" transform="rotate(-90 16 {:.1})" text-anchor="middle">{unit}</text>"#,
		top + plot_height / 2.0,
		top + plot_height / 2.0
	);
	for (g, (label, values)) in groups.iter().enumerate() {
		let x0 = left + group_width * g as f64 + group_width * 0.1;
		for (s, value) in values.iter().enumerate() {
			let bar = plot_height * value / max;
			let _ = writeln!(
				svg,
				r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{bar:.1}" fill="{}"><title>{}: {value:.1} {unit}</title></rect>"#,
				x0 + bar_width * s as f64,
				height - bottom - bar,
				bar_width * 0.95,
				COLOURS[s % COLOURS.len()],
				series[s]
			);
		}
		let _ = writeln!(
			svg,
			r#"<text x="{:.1}" y="{}" text-anchor="middle">{label}</text>"#,
			x0 + group_width * 0.4,
			height - bottom + 18.0
		);
	}
	for (s, name) in series.iter().enumerate() {
		let x = left + 10.0 + 160.0 * s as f64;
		let _ = writeln!(
			svg,
			r#"<rect x="{x}" y="32" width="12" height="12" fill="{}"/><text x="{}" y="42">{name}</text>"#,
			COLOURS[s % COLOURS.len()],
			x + 16.0
		);
	}
	svg.push_str("</svg>\n");
	svg
}

/// A Markdown table.
fn table(md: &mut String, header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) {
	let _ = writeln!(md, "| {} |", header.join(" | "));
	let _ = writeln!(md, "|{}", "---|".repeat(header.len()));
	for row in rows {
		let _ = writeln!(md, "| {} |", row.join(" | "));
	}
}

fn verdict(met: bool, detail: String) -> String {
	if met {
		format!("met ({detail})")
	} else {
		format!("**missed** ({detail})")
	}
}

/// Write `benchmarks.md` and `bench/*.svg` into `out`; returns the report's path.
pub fn write(
	out: &Path,
	machine: &Machine,
	smoke: bool,
	client: &Client,
) -> Result<PathBuf, String> {
	let plots = out.join("bench");
	std::fs::create_dir_all(&plots).map_err(|e| format!("{}: {e}", plots.display()))?;

	let throughput_groups: Vec<_> = client
		.throughput
		.iter()
		.map(|row| {
			(size_label(row.size), vec![row.aead, row.sha256, row.encrypt_cid, row.cid_decrypt])
		})
		.collect();
	let throughput_svg = bar_chart(
		"Client throughput by record size",
		"MiB/s",
		&["raw XChaCha20-Poly1305", "raw SHA-256", "encrypt + CID", "CID check + decrypt"],
		&throughput_groups,
	);
	let memory_groups: Vec<_> = client
		.memory
		.iter()
		.map(|row| {
			(
				size_label(row.size),
				vec![row.encrypt_kib as f64 / 1024.0, row.decrypt_kib as f64 / 1024.0],
			)
		})
		.collect();
	let memory_svg = bar_chart(
		"Peak resident memory by record size",
		"MiB",
		&["encrypt + CID", "CID check + decrypt"],
		&memory_groups,
	);
	for (name, svg) in
		[("client-throughput.svg", throughput_svg), ("client-memory.svg", memory_svg)]
	{
		let path = plots.join(name);
		std::fs::write(&path, svg).map_err(|e| format!("{}: {e}", path.display()))?;
	}

	let mut md = String::new();
	let _ = writeln!(md, "# MedChain benchmarks\n");
	let _ = writeln!(
		md,
		"Written by `medchain-bench{}` (see the README); do not edit by hand.\n",
		if smoke { " --smoke" } else { "" }
	);
	if smoke {
		let _ = writeln!(md, "**Smoke run**: small sizes, few repetitions; the figures are not the published ones.\n");
	}
	let _ = writeln!(md, "Machine: {machine}.\n");

	let _ = writeln!(md, "## Client: encrypt + CID against the raw AEAD\n");
	let _ = writeln!(
		md,
		"Generated content (one random MiB repeated, so no disk is read), in the record format's \
		 64 KiB chunks. Raw AEAD: XChaCha20-Poly1305 of the `chacha20poly1305` crate over the same \
		 chunks; raw SHA-256: the `sha2` crate over the same bytes. Encrypt + CID is what \
		 `medchain record add` does before the upload (STREAM encryption, and the UnixFS CID of \
		 the ciphertext as it streams past); CID check + decrypt is what `medchain record get` \
		 does with a download, here read from a file. Medians of the repetitions.\n"
	);
	table(
		&mut md,
		&[
			"Size",
			"Repetitions",
			"Raw AEAD (MiB/s)",
			"Raw SHA-256 (MiB/s)",
			"Encrypt + CID (MiB/s)",
			"Ratio to AEAD",
			"CID check + decrypt (MiB/s)",
		],
		client.throughput.iter().map(|row| {
			vec![
				size_label(row.size),
				row.repetitions.to_string(),
				format!("{:.0}", row.aead),
				format!("{:.0}", row.sha256),
				format!("{:.0}", row.encrypt_cid),
				format!("{:.2}", row.ratio()),
				format!("{:.0}", row.cid_decrypt),
			]
		}),
	);
	let _ = writeln!(md, "\n![Client throughput](bench/client-throughput.svg)\n");
	let worst = client.throughput.iter().map(|row| row.ratio()).fold(f64::INFINITY, f64::min);
	// Encrypt + CID runs both primitives over every byte, one after the other: its best
	// possible throughput is the harmonic combination of the two.
	let bounds: Vec<f64> =
		client.throughput.iter().map(|row| 1.0 / (1.0 + row.aead / row.sha256)).collect();
	let lowest = bounds.iter().copied().fold(f64::INFINITY, f64::min);
	let highest = bounds.iter().copied().fold(0.0, f64::max);
	let _ = writeln!(
		md,
		"Target (DESIGN §9): encrypt + CID ≥ 0.8× the raw AEAD. {}. Both primitives run over \
		 every byte in one thread, so a single-threaded pipeline reaches at most \
		 1 / (1 + AEAD/SHA-256) = {lowest:.2}–{highest:.2}× of the AEAD on this machine (by size): one thread doing both \
		 is what binds (hashing the ciphertext on a second core is the way to 0.8×). Where a \
		 ratio falls below that bound, the rest is the per-record cost (fresh data key, header, \
		 the UnixFS blocks of the CID).\n",
		verdict(
			worst >= 0.8,
			format!("lowest ratio {worst:.2}, {:.2} short", (0.8 - worst).max(0.0))
		)
	);

	let _ = writeln!(md, "## Client: memory whatever the record size\n");
	let _ = writeln!(
		md,
		"Peak resident memory (`VmHWM`) of a child process that runs one operation on one size; \
		 for CID check + decrypt the record is written to a file first and the peak is reset \
		 before it is read back.\n"
	);
	table(
		&mut md,
		&["Size", "Encrypt + CID (KiB)", "CID check + decrypt (KiB)"],
		client.memory.iter().map(|row| {
			vec![size_label(row.size), row.encrypt_kib.to_string(), row.decrypt_kib.to_string()]
		}),
	);
	let _ = writeln!(md, "\n![Peak memory](bench/client-memory.svg)\n");
	if let (Some(first), Some(last)) = (client.memory.first(), client.memory.last()) {
		let growth = |a: u64, b: u64| b as f64 / a.max(1) as f64;
		let worst = growth(first.encrypt_kib, last.encrypt_kib)
			.max(growth(first.decrypt_kib, last.decrypt_kib));
		let _ = writeln!(
			md,
			"Target (DESIGN §9): memory bounded whatever the file size. {}.\n",
			verdict(
				worst <= 1.5,
				format!(
					"from {} to {} ({}× the content) the peak grew {worst:.2}×",
					size_label(first.size),
					size_label(last.size),
					last.size / first.size.max(1)
				)
			)
		);
	}

	let _ = writeln!(md, "## Not measured by this version of the bench\n");
	let _ = writeln!(
		md,
		"Chain throughput (`add_record` against the floor extrinsic, co-signed updates, grants), \
		 submit → in block → finalized latency, chain state per record, grant and epoch, \
		 `record add`/`record get` end to end through the daemon, `records_*` RPC latency at \
		 scale and grant size against the patient's record count: DESIGN §9's chain targets \
		 have no figure here yet.\n"
	);

	let path = out.join("benchmarks.md");
	std::fs::write(&path, md).map_err(|e| format!("{}: {e}", path.display()))?;
	Ok(path)
}
