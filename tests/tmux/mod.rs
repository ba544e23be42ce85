//! A real pseudo-terminal for tests: a private tmux server running one command in a pane that
//! tests type into (send-keys) and read (capture-pane). Shared by the terminal and shell tests.
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// How long a screen may take to show what a test waits for before the test fails.
const PATIENCE: Duration = Duration::from_secs(20);

/// Whether `program` can be run (`program --version` or `-V` succeeds).
pub fn have(program: &str, version_flag: &str) -> bool {
    Command::new(program).arg(version_flag).output().is_ok_and(|o| o.status.success())
}

/// Says why a test is skipped, where `cargo test -- --nocapture` and CI logs show it.
pub fn skip(test: &str, program: &str) {
    eprintln!("SKIPPED {test}: `{program}` is not installed (.ci/run installs it with apt-get)");
}

pub struct Tmux {
    socket: PathBuf,
    env: Vec<(String, String)>,
}

impl Tmux {
    /// Starts `command` (run by sh) in a `width`×`height` pane, with exactly `env` as its
    /// environment plus tmux's TERM. When the command ends the pane shows `[exit=N]` and stays.
    pub fn start(dir: &Path, width: u16, height: u16, command: &str, env: &[(&str, &str)]) -> Tmux {
        // One server per pane, on its own socket, so that panes never share or reuse one.
        static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmux = Tmux {
            socket: dir.join(format!("tmux-{n}.sock")),
            env: env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        };
        let script = format!("{command}; echo \"[exit=$?]\"; exec cat");
        let out =
            tmux.tmux(&["new-session", "-d", "-x", &width.to_string(), "-y", &height.to_string(), "sh", "-c", &script]);
        assert!(out.status.success(), "tmux new-session: {}", String::from_utf8_lossy(&out.stderr));
        tmux
    }

    fn tmux(&self, args: &[&str]) -> Output {
        // A new server takes its environment from the client that starts it: this one.
        Command::new("tmux")
            .env_clear()
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .arg("-S")
            .arg(&self.socket)
            .args(["-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }

    /// Presses keys by tmux name: "Enter", "Down", "Space", "Tab", or literal text like "n".
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "0"];
        args.extend_from_slice(keys);
        let out = self.tmux(&args);
        assert!(out.status.success(), "send-keys: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// Types text literally (no key names).
    pub fn type_text(&self, text: &str) {
        let out = self.tmux(&["send-keys", "-t", "0", "-l", text]);
        assert!(out.status.success(), "send-keys -l: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// The screen as text, wrapped lines joined (so a line wider than the pane shows as such).
    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-J", "-t", "0"]).stdout).into_owned()
    }

    /// The screen's rows as the terminal shows them (a wrapped line as two rows), without the
    /// blank rows below the last one written: what a whole-screen snapshot compares.
    pub fn rows(&self) -> String {
        let out = self.tmux(&["capture-pane", "-p", "-t", "0"]);
        let text = String::from_utf8_lossy(&out.stdout);
        format!("{}\n", text.trim_end_matches('\n'))
    }

    /// Waits until the screen's rows (see [`Tmux::rows`]) satisfy `ready` and are the same in
    /// two captures in a row (a prompt redraws line by line: a capture may fall in between),
    /// then returns them.
    pub fn wait_rows(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last = String::new();
        loop {
            let rows = self.rows();
            if ready(&rows) && rows == last {
                return rows;
            }
            assert!(start.elapsed() < PATIENCE, "timed out waiting for {what}; the screen:\n{rows}");
            last = rows;
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The screen with its colour and attribute escape sequences.
    pub fn screen_with_styles(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-J", "-e", "-t", "0"]).stdout).into_owned()
    }

    /// Waits until the screen satisfies `ready`, then returns it; fails with the screen shown.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(start.elapsed() < PATIENCE, "timed out waiting for {what}; the screen:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_text(&self, text: &str) -> String {
        self.wait_for(&format!("{text:?}"), |s| s.contains(text))
    }

    /// Waits until the pane's terminal stops echoing input, as a hidden prompt makes it: typing
    /// before that would put the text on the screen and into the line that is then discarded.
    pub fn wait_no_echo(&self) {
        let out = self.tmux(&["display-message", "-p", "-t", "0", "#{pane_tty}"]);
        let tty = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let start = Instant::now();
        loop {
            let out = Command::new("stty").arg("-F").arg(&tty).arg("-a").output().expect("run stty");
            if String::from_utf8_lossy(&out.stdout).split_whitespace().any(|flag| flag == "-echo") {
                return;
            }
            assert!(start.elapsed() < PATIENCE, "the terminal {tty} kept echoing; the screen:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the command to end and returns its exit status and the screen.
    pub fn wait_exit(&self) -> (i32, String) {
        let screen = self.wait_text("[exit=");
        let code = screen.split("[exit=").nth(1).and_then(|rest| rest.split(']').next()).unwrap();
        (code.parse().unwrap(), screen)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

/// The directory holding the `patctl` binary under test, to put on PATH.
pub fn bin_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_patctl")).parent().unwrap().to_path_buf()
}
