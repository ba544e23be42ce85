
use builtin;
use str;

set edit:completion:arg-completer[patctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'patctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'patctl'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand user 'Manage users (add, list, show, block, unblock)'
            cand project 'Manage projects (add, list, show, remove) for project access tokens'
            cand group 'Manage groups (add, list, show, remove) for group access tokens'
            cand create 'Create a personal, impersonation, project or group access token (shown once)'
            cand list 'List tokens (default: active ones)'
            cand show 'Show every field of one token (never the token string itself)'
            cand verify 'Check a token: exists, not revoked, not expired, owner not blocked, has the scopes'
            cand rotate 'Rotate a token: revoke it and create a new one with the same name, scopes and owner'
            cand revoke 'Revoke a token (GitLab''s revoke!); revoking twice is harmless'
            cand check-expiry 'Report tokens that expire soon or have expired (cron and Nagios friendly)'
            cand audit 'Show the audit trail (oldest first); events never hold a token value'
            cand apply 'Create, update, rotate (--prune: revoke) users, projects, groups and tokens to match a file'
            cand db 'Maintain the database (check, backup, migrate)'
            cand config 'Show the effective configuration and the files looked for'
            cand completions 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
            cand man 'Print a manual page, or write them all with --dir'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'patctl;user'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a user who can own tokens'
            cand list 'List users'
            cand show 'Show one user and how many active tokens it owns'
            cand block 'Block a user: its tokens stop verifying until it is unblocked'
            cand unblock 'Unblock a user'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'patctl;user;add'= {
            cand --name 'Display name [default: the username]'
            cand --email 'Email address, where expiry notices go'
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand --bot 'A bot user (user_type bot)'
            cand --service-account 'A service account (user_type service_account): a non-human account whose tokens an admin manages; config service_accounts.require_expiry decides whether its tokens must expire'
            cand --admin 'Give admin rights (needed for the sudo, admin_mode and read_service_ping scopes)'
            cand --if-not-exists 'Exit 0 and change nothing when the user exists already'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;user;list'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;user;show'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;user;block'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -y 'Do not ask for confirmation (needed without a terminal)'
            cand --yes 'Do not ask for confirmation (needed without a terminal)'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;user;unblock'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;user;help'= {
            cand add 'Add a user who can own tokens'
            cand list 'List users'
            cand show 'Show one user and how many active tokens it owns'
            cand block 'Block a user: its tokens stop verifying until it is unblocked'
            cand unblock 'Unblock a user'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'patctl;user;help;add'= {
        }
        &'patctl;user;help;list'= {
        }
        &'patctl;user;help;show'= {
        }
        &'patctl;user;help;block'= {
        }
        &'patctl;user;help;unblock'= {
        }
        &'patctl;user;help;help'= {
        }
        &'patctl;project'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a project that can have project access tokens'
            cand list 'List projects with their member and active token counts'
            cand show 'Show a project: its members with their roles, and its tokens'
            cand remove 'Remove a project: revoke its tokens and delete their bot users'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'patctl;project;add'= {
            cand --name 'Display name [default: the last path segment]'
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand --if-not-exists 'Exit 0 and change nothing when the project exists already'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;project;list'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;project;show'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;project;remove'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -y 'Do not ask for confirmation (needed without a terminal)'
            cand --yes 'Do not ask for confirmation (needed without a terminal)'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;project;help'= {
            cand add 'Add a project that can have project access tokens'
            cand list 'List projects with their member and active token counts'
            cand show 'Show a project: its members with their roles, and its tokens'
            cand remove 'Remove a project: revoke its tokens and delete their bot users'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'patctl;project;help;add'= {
        }
        &'patctl;project;help;list'= {
        }
        &'patctl;project;help;show'= {
        }
        &'patctl;project;help;remove'= {
        }
        &'patctl;project;help;help'= {
        }
        &'patctl;group'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Add a group that can have group access tokens'
            cand list 'List groups with their member and active token counts'
            cand show 'Show a group: its members with their roles, and its tokens'
            cand remove 'Remove a group: revoke its tokens and delete their bot users'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'patctl;group;add'= {
            cand --name 'Display name [default: the last path segment]'
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand --if-not-exists 'Exit 0 and change nothing when the group exists already'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;group;list'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;group;show'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;group;remove'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -y 'Do not ask for confirmation (needed without a terminal)'
            cand --yes 'Do not ask for confirmation (needed without a terminal)'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;group;help'= {
            cand add 'Add a group that can have group access tokens'
            cand list 'List groups with their member and active token counts'
            cand show 'Show a group: its members with their roles, and its tokens'
            cand remove 'Remove a group: revoke its tokens and delete their bot users'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'patctl;group;help;add'= {
        }
        &'patctl;group;help;list'= {
        }
        &'patctl;group;help;show'= {
        }
        &'patctl;group;help;remove'= {
        }
        &'patctl;group;help;help'= {
        }
        &'patctl;create'= {
            cand --user 'Owner of the token [asked for on a terminal when left out]'
            cand --project 'A project access token: a new bot user of this project owns it'
            cand --group 'A group access token: a new bot user of this group (e.g. parent/child) owns it'
            cand --access-level 'The bot''s role in the project or group [default: guest]'
            cand --name 'Name of the token, e.g. "Automation token" [asked for on a terminal when left out]'
            cand --scopes 'Scopes, comma-separated or repeated: api, read_api, read_user, read_repository, ... [a list with GitLab''s descriptions on a terminal when left out]'
            cand --scope 'Scopes, comma-separated or repeated: api, read_api, read_user, read_repository, ... [a list with GitLab''s descriptions on a terminal when left out]'
            cand --description 'Free-text description (at most 255 characters)'
            cand --expires-in 'Expiry as a duration from today, in whole days: 30d, 2w, 6mo, 1y'
            cand --token 'Preset token string (visible to other users: prefer --token-file -)'
            cand --token-file 'Read a preset token from a file, or `-` for standard input (a hidden prompt on a terminal)'
            cand --expires-at 'Expiry date; the token stops working at 00:00 UTC that day [default: today + config tokens.max_lifetime_days, asked for on a terminal when other flags were left out]'
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand --impersonation 'An impersonation token (an administrator acting as the user)'
            cand --no-expiry 'No expiry (refused while config tokens.require_expiry is true)'
            cand --if-not-exists 'Exit 0 and change nothing when the same token (owner, name, scopes) already exists'
            cand --raw 'Print only the generated token on stdout, for TOKEN=$(patctl create ... --raw)'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;list'= {
            cand --user 'Only tokens of this user'
            cand --project 'Only tokens of this project (project access tokens)'
            cand --group 'Only tokens of this group (group access tokens)'
            cand --state 'Which tokens: active, inactive (revoked or expired), revoked, expired, all [default: active; all when --revoked is given]'
            cand --revoked 'Only revoked tokens (true) or only tokens not revoked (false), expired or not'
            cand --impersonation 'Only impersonation tokens (true) or only other tokens (false)'
            cand --owner-type 'Only tokens whose owner is a person, a bot (bot, project bot, ghost) or a service account'
            cand --created-before 'Created at or before (YYYY-MM-DD, RFC 3339, or relative: 30d, 24h, today; see Dates)'
            cand --created-after 'Created at or after (YYYY-MM-DD, RFC 3339, or relative: 30d, 24h, today; see Dates)'
            cand --last-used-before 'Last used at or before (YYYY-MM-DD, RFC 3339, or relative: 30d, 24h, today; see Dates)'
            cand --last-used-after 'Last used at or after (YYYY-MM-DD, RFC 3339, or relative: 30d, 24h, today; see Dates)'
            cand --expires-before 'Expiring before this date (exclusive), or before a time from now: 30d, 6mo (see Dates)'
            cand --expires-after 'Expiring on or after this date, or after a time from now: 30d, 6mo (see Dates)'
            cand --search 'Names containing every word of 3+ characters, or equal to a shorter query (as GitLab)'
            cand --unused-for 'Stale tokens: never used or last used before now minus DURATION (30d, 2w, 6mo, 1y), and created before then too'
            cand --sort 'Order: id, name, created, expires or last_used, with :asc or :desc'
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand --never-used 'Only tokens that were never used'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;show'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;verify'= {
            cand --scope 'A scope whose abilities the token must carry (repeat, or comma-separate)'
            cand --scopes 'A scope whose abilities the token must carry (repeat, or comma-separate)'
            cand --token-file 'Read the token from a file, or `-` for standard input'
            cand --ip 'The client''s address (IPv4 or IPv6), kept among the token''s last 5 (last_used_ips)'
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;rotate'= {
            cand --id 'The token''s id'
            cand --token-file 'Read the token string from a file, or `-` for standard input'
            cand --expires-in 'Expiry as a duration from today, in whole days: 30d, 2w, 6mo, 1y'
            cand --grace 'Keep the old token working this long (30m, 2h, 1d; at most 7d); shown as `rotating`'
            cand --expires-at 'Expiry date of the new token [default: today + 7 days; none when expiry is not required]'
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand --keep-lifetime 'Give the new token the old one''s lifetime again, from today (capped by the maximum)'
            cand --raw 'Print only the new token on stdout, for NEW=$(patctl rotate ... --raw)'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;revoke'= {
            cand --token-file 'Read the token string from a file, or `-` for standard input'
            cand --id 'The token''s id'
            cand --user 'The token''s owner (with --name), or with --all every token of this user'
            cand --name 'The token''s name (with --user)'
            cand --project 'With --all: tokens of this project'
            cand --group 'With --all: tokens of this group'
            cand --unused-for 'With --all: tokens not used (or, never used, created) within this span: 90d, 12w, 6mo, 1y'
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand --all 'Revoke every live token matching --user, --project, --group and --unused-for (combined)'
            cand --dry-run 'With --all: print what would be revoked and change nothing'
            cand -y 'Do not ask for confirmation on a terminal (needed for --all without one; scripts revoking one token need no --yes)'
            cand --yes 'Do not ask for confirmation on a terminal (needed for --all without one; scripts revoking one token need no --yes)'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;check-expiry'= {
            cand --within 'Report tokens expiring within this many days [default: config expiry.within_days, 7]'
            cand --expired-within 'Also report tokens that expired up to this many days ago and are still not revoked, so a check stays CRITICAL until someone acts [default: 0, expired today only]'
            cand --as-of 'Evaluate as of this date (YYYY-MM-DD) [default: today in UTC]'
            cand --user 'Only tokens of this user'
            cand --textfile 'With --format prometheus: write the metrics to this file instead of stdout, replaced whole (0644), for node_exporter''s textfile collector (a *.prom file in its directory)'
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand --once 'Cron mode: report each token once per notification threshold (config expiry.notify_days) and once when it has expired, and record what was reported'
            cand --include-impersonation 'Also report impersonation tokens (left out by default, as GitLab does)'
            cand --exit-zero 'Exit 0 whenever the check ran, whatever it found'
            cand --mail 'Mail each owner with an email address through config mail.sendmail'
            cand --per-token 'With --format prometheus: also one series per token (labels id, name, owner). Off by default because every token would be a time series of its own, and Prometheus''s memory grows with the number of series (cardinality)'
            cand --nagios 'Print one Nagios plugin line; a check that cannot run prints UNKNOWN and exits 3 (also: --format nagios, kept for existing scripts)'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;audit'= {
            cand --since 'Events on or after this day (UTC), or since a time ago: 24h, 30d, yesterday (see Dates)'
            cand --until 'Events on or before this day (UTC), or until a time ago: 24h, 30d (see Dates)'
            cand --action 'Only this action, e.g. token.revoke'
            cand --user 'Only events about this user (as named when the event was recorded)'
            cand --token-id 'Only events about this token'
            cand --after-id 'Only events after this event id (a log shipper''s cursor: the last id it stored)'
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand --follow 'Keep printing new events as they are committed, checking every second, until interrupted (SIGINT, SIGTERM) or the reader closes the pipe; needs --format jsonl or csv'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;apply'= {
            cand --tokens-out 'Where generated tokens are written (created 0600; lines of name<TAB>owner<TAB>token); - for stdout'
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand --dry-run 'Print the plan (create / update / rotate / revoke / unchanged) and write nothing'
            cand --prune 'Revoke tokens that an earlier apply of this file created and that it no longer declares'
            cand --force 'Replace an existing non-empty --tokens-out file (a new file is renamed over it)'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;db'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand check 'Check the database for corruption and out-of-range dates (exit 0 when sound, 74 when corrupt, 65 when --repair has dates to fix)'
            cand backup 'Copy the database with SQLite''s online backup API (safe while others write)'
            cand migrate 'Apply pending schema migrations and say from which version to which (after a quick_check)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'patctl;db;check'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand --full 'Run integrity_check (which also checks indexes against tables) and foreign_key_check'
            cand --repair 'Fix the dates and times found outside 1970..9999, in one transaction with an audit event'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;db;backup'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand --force 'Replace PATH if it exists (only once the copy is complete)'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;db;migrate'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;db;help'= {
            cand check 'Check the database for corruption and out-of-range dates (exit 0 when sound, 74 when corrupt, 65 when --repair has dates to fix)'
            cand backup 'Copy the database with SQLite''s online backup API (safe while others write)'
            cand migrate 'Apply pending schema migrations and say from which version to which (after a quick_check)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'patctl;db;help;check'= {
        }
        &'patctl;db;help;backup'= {
        }
        &'patctl;db;help;migrate'= {
        }
        &'patctl;db;help;help'= {
        }
        &'patctl;config'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Print every configuration value in effect and where it came from (default, file, env, flag)'
            cand path 'Print the configuration files looked for and which one is read'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'patctl;config;show'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;config;path'= {
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;config;help'= {
            cand show 'Print every configuration value in effect and where it came from (default, file, env, flag)'
            cand path 'Print the configuration files looked for and which one is read'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'patctl;config;help;show'= {
        }
        &'patctl;config;help;path'= {
        }
        &'patctl;config;help;help'= {
        }
        &'patctl;completions'= {
            cand --dir 'Write the scripts into DIR instead of printing: every shell''s unless SHELL is given'
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;man'= {
            cand --dir 'Write every page (patctl.1, patctl-create.1, patctl-user-add.1, ...) into DIR'
            cand --db 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]'
            cand --config 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]'
            cand --format 'Output format'
            cand --wait 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]'
            cand --color 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never'
            cand -q 'Print only data and errors, no status messages'
            cand --quiet 'Print only data and errors, no status messages'
            cand --no-color 'Never use colours (also: NO_COLOR); the same as --color never'
            cand --no-input 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
            cand --wide 'Show every table column in full, however narrow the terminal'
            cand --no-pager 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'patctl;help'= {
            cand user 'Manage users (add, list, show, block, unblock)'
            cand project 'Manage projects (add, list, show, remove) for project access tokens'
            cand group 'Manage groups (add, list, show, remove) for group access tokens'
            cand create 'Create a personal, impersonation, project or group access token (shown once)'
            cand list 'List tokens (default: active ones)'
            cand show 'Show every field of one token (never the token string itself)'
            cand verify 'Check a token: exists, not revoked, not expired, owner not blocked, has the scopes'
            cand rotate 'Rotate a token: revoke it and create a new one with the same name, scopes and owner'
            cand revoke 'Revoke a token (GitLab''s revoke!); revoking twice is harmless'
            cand check-expiry 'Report tokens that expire soon or have expired (cron and Nagios friendly)'
            cand audit 'Show the audit trail (oldest first); events never hold a token value'
            cand apply 'Create, update, rotate (--prune: revoke) users, projects, groups and tokens to match a file'
            cand db 'Maintain the database (check, backup, migrate)'
            cand config 'Show the effective configuration and the files looked for'
            cand completions 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
            cand man 'Print a manual page, or write them all with --dir'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'patctl;help;user'= {
            cand add 'Add a user who can own tokens'
            cand list 'List users'
            cand show 'Show one user and how many active tokens it owns'
            cand block 'Block a user: its tokens stop verifying until it is unblocked'
            cand unblock 'Unblock a user'
        }
        &'patctl;help;user;add'= {
        }
        &'patctl;help;user;list'= {
        }
        &'patctl;help;user;show'= {
        }
        &'patctl;help;user;block'= {
        }
        &'patctl;help;user;unblock'= {
        }
        &'patctl;help;project'= {
            cand add 'Add a project that can have project access tokens'
            cand list 'List projects with their member and active token counts'
            cand show 'Show a project: its members with their roles, and its tokens'
            cand remove 'Remove a project: revoke its tokens and delete their bot users'
        }
        &'patctl;help;project;add'= {
        }
        &'patctl;help;project;list'= {
        }
        &'patctl;help;project;show'= {
        }
        &'patctl;help;project;remove'= {
        }
        &'patctl;help;group'= {
            cand add 'Add a group that can have group access tokens'
            cand list 'List groups with their member and active token counts'
            cand show 'Show a group: its members with their roles, and its tokens'
            cand remove 'Remove a group: revoke its tokens and delete their bot users'
        }
        &'patctl;help;group;add'= {
        }
        &'patctl;help;group;list'= {
        }
        &'patctl;help;group;show'= {
        }
        &'patctl;help;group;remove'= {
        }
        &'patctl;help;create'= {
        }
        &'patctl;help;list'= {
        }
        &'patctl;help;show'= {
        }
        &'patctl;help;verify'= {
        }
        &'patctl;help;rotate'= {
        }
        &'patctl;help;revoke'= {
        }
        &'patctl;help;check-expiry'= {
        }
        &'patctl;help;audit'= {
        }
        &'patctl;help;apply'= {
        }
        &'patctl;help;db'= {
            cand check 'Check the database for corruption and out-of-range dates (exit 0 when sound, 74 when corrupt, 65 when --repair has dates to fix)'
            cand backup 'Copy the database with SQLite''s online backup API (safe while others write)'
            cand migrate 'Apply pending schema migrations and say from which version to which (after a quick_check)'
        }
        &'patctl;help;db;check'= {
        }
        &'patctl;help;db;backup'= {
        }
        &'patctl;help;db;migrate'= {
        }
        &'patctl;help;config'= {
            cand show 'Print every configuration value in effect and where it came from (default, file, env, flag)'
            cand path 'Print the configuration files looked for and which one is read'
        }
        &'patctl;help;config;show'= {
        }
        &'patctl;help;config;path'= {
        }
        &'patctl;help;completions'= {
        }
        &'patctl;help;man'= {
        }
        &'patctl;help;help'= {
        }
    ]
    $completions[$command]
}
