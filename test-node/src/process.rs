//! One child process of a test: spawned with its output appended to a log file, waited for
//! until it listens, stopped as Ctrl-C would, restarted with the same arguments, and killed
//! when dropped.

use std::{
	collections::BTreeSet,
	ffi::OsString,
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, Stdio},
	sync::Mutex,
	time::{Duration, Instant},
};

/// A TCP port that was free a moment ago, and not handed out in the last
/// [`PORT_RESERVATION`] to this or another test process: the system may give a port it just
/// released again, and tests running side by side (in one process or several) would then wait
/// on each other's listeners.
pub fn free_port() -> u16 {
	static HANDED_OUT: Mutex<BTreeSet<u16>> = Mutex::new(BTreeSet::new());
	loop {
		let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
		if HANDED_OUT.lock().unwrap().insert(port) && reserve_across_processes(port) {
			return port;
		}
	}
}

/// How long a port handed out stays reserved for the process that got it.
pub const PORT_RESERVATION: Duration = Duration::from_secs(15 * 60);

/// Reserve `port` among the test processes of this machine: a file named after it in the
/// temporary folder, made only if none exists or the one there is older than
/// [`PORT_RESERVATION`].
fn reserve_across_processes(port: u16) -> bool {
	let folder = std::env::temp_dir().join("medchain-test-ports");
	let _ = std::fs::create_dir_all(&folder);
	let file = folder.join(port.to_string());
	let create = || std::fs::OpenOptions::new().write(true).create_new(true).open(&file);
	match create() {
		Ok(_) => true,
		Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
			let age = std::fs::metadata(&file)
				.and_then(|meta| meta.modified())
				.map(|modified| modified.elapsed().unwrap_or_default());
			let stale = age.is_ok_and(|age| age > PORT_RESERVATION);
			stale && std::fs::remove_file(&file).is_ok() && create().is_ok()
		},
		// Without a usable temporary folder, the process's own record has to do.
		Err(_) => true,
	}
}

/// A test's child process, killed when dropped.
pub struct Process {
	child: Option<Child>,
	binary: PathBuf,
	args: Vec<OsString>,
	envs: Vec<(OsString, OsString)>,
	/// Where its standard error goes (appended to across restarts).
	pub log: PathBuf,
}

impl Process {
	/// `binary` with `args`, logging to `log`; not started yet.
	pub fn new(
		binary: &Path,
		args: impl IntoIterator<Item = impl Into<OsString>>,
		log: PathBuf,
	) -> Self {
		let args = args.into_iter().map(Into::into).collect();
		Self { child: None, binary: binary.to_path_buf(), args, envs: Vec::new(), log }
	}

	/// Set the environment variable `key` for the process.
	pub fn env(mut self, key: impl Into<OsString>, value: impl Into<OsString>) -> Self {
		self.envs.push((key.into(), value.into()));
		self
	}

	/// Add `args` to its arguments (before it starts, or for the next restart).
	pub fn args(&mut self, args: impl IntoIterator<Item = impl Into<OsString>>) {
		self.args.extend(args.into_iter().map(Into::into));
	}

	/// Start it.
	pub fn spawn(&mut self) {
		assert!(self.child.is_none(), "{} runs already", self.binary.display());
		let log = std::fs::OpenOptions::new().create(true).append(true).open(&self.log).unwrap();
		let child = Command::new(&self.binary)
			.args(&self.args)
			.envs(self.envs.iter().map(|(key, value)| (key, value)))
			.stdout(Stdio::null())
			.stderr(log)
			.spawn()
			.unwrap_or_else(|e| panic!("{} does not start: {e}", self.binary.display()));
		self.child = Some(child);
	}

	/// Wait until something accepts TCP connections on `address` (`host:port`), for at most
	/// `timeout`; panics with the log's tail if the process exits or the time runs out.
	pub async fn wait_for_port(&mut self, address: &str, timeout: Duration) {
		let deadline = Instant::now() + timeout;
		// A connect to a loopback port nobody listens on can connect to itself (the system
		// may pick that very port as the source): such a connection does not count.
		let listening =
			|stream: &tokio::net::TcpStream| stream.local_addr().ok() != stream.peer_addr().ok();
		while !tokio::net::TcpStream::connect(address).await.is_ok_and(|s| listening(&s)) {
			let exited = self.child.as_mut().and_then(|child| child.try_wait().ok().flatten());
			if let Some(status) = exited {
				panic!("{} exited ({status}); log: {}", self.binary.display(), self.log_tail(40));
			}
			assert!(
				Instant::now() < deadline,
				"{} did not listen on {address} within {timeout:?}; log: {}",
				self.binary.display(),
				self.log_tail(40)
			);
			tokio::time::sleep(Duration::from_millis(200)).await;
		}
	}

	/// Ask it to stop (SIGINT, as Ctrl-C) and wait up to `timeout` for it to exit; kill it
	/// after that. Returns whether it exited successfully in time.
	pub fn stop(&mut self, timeout: Duration) -> bool {
		let Some(mut child) = self.child.take() else { return false };
		let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
		let deadline = Instant::now() + timeout;
		while Instant::now() < deadline {
			if let Ok(Some(status)) = child.try_wait() {
				return status.success();
			}
			std::thread::sleep(Duration::from_millis(100));
		}
		let _ = child.kill();
		let _ = child.wait();
		false
	}

	/// Start it again after [`Process::stop`], with the same arguments.
	pub fn restart(&mut self) {
		assert!(self.child.is_none(), "restart a stopped process");
		self.spawn();
	}

	/// The last `lines` lines of its log, for checks and failure messages.
	pub fn log_tail(&self, lines: usize) -> String {
		let text = std::fs::read_to_string(&self.log).unwrap_or_default();
		let all: Vec<&str> = text.lines().collect();
		all[all.len().saturating_sub(lines)..].join("\n")
	}
}

impl Drop for Process {
	fn drop(&mut self) {
		if let Some(mut child) = self.child.take() {
			let _ = child.kill();
			let _ = child.wait();
		}
	}
}
