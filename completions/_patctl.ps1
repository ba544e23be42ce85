
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'patctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'patctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'patctl' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage users (add, list, show, block, unblock)')
            [CompletionResult]::new('project', 'project', [CompletionResultType]::ParameterValue, 'Manage projects (add, list, show, remove) for project access tokens')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Manage groups (add, list, show, remove) for group access tokens')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a personal, impersonation, project or group access token (shown once)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens (default: active ones)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every field of one token (never the token string itself)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a token: exists, not revoked, not expired, owner not blocked, has the scopes')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Rotate a token: revoke it and create a new one with the same name, scopes and owner')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token (GitLab''s revoke!); revoking twice is harmless')
            [CompletionResult]::new('check-expiry', 'check-expiry', [CompletionResultType]::ParameterValue, 'Report tokens that expire soon or have expired (cron and Nagios friendly)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Show the audit trail (oldest first); events never hold a token value')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Create, update, rotate (--prune: revoke) users, projects, groups and tokens to match a file')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'Maintain the database (check, backup, migrate)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the effective configuration and the files looked for')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, elvish, powershell)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a manual page, or write them all with --dir')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'patctl;user' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a user who can own tokens')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one user and how many active tokens it owns')
            [CompletionResult]::new('block', 'block', [CompletionResultType]::ParameterValue, 'Block a user: its tokens stop verifying until it is unblocked')
            [CompletionResult]::new('unblock', 'unblock', [CompletionResultType]::ParameterValue, 'Unblock a user')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'patctl;user;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name [default: the username]')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Email address, where expiry notices go')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('--bot', '--bot', [CompletionResultType]::ParameterName, 'A bot user (user_type bot)')
            [CompletionResult]::new('--service-account', '--service-account', [CompletionResultType]::ParameterName, 'A service account (user_type service_account): a non-human account whose tokens an admin manages; config service_accounts.require_expiry decides whether its tokens must expire')
            [CompletionResult]::new('--admin', '--admin', [CompletionResultType]::ParameterName, 'Give admin rights (needed for the sudo, admin_mode and read_service_ping scopes)')
            [CompletionResult]::new('--if-not-exists', '--if-not-exists', [CompletionResultType]::ParameterName, 'Exit 0 and change nothing when the user exists already')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;user;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;user;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;user;block' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;user;unblock' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;user;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a user who can own tokens')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one user and how many active tokens it owns')
            [CompletionResult]::new('block', 'block', [CompletionResultType]::ParameterValue, 'Block a user: its tokens stop verifying until it is unblocked')
            [CompletionResult]::new('unblock', 'unblock', [CompletionResultType]::ParameterValue, 'Unblock a user')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'patctl;user;help;add' {
            break
        }
        'patctl;user;help;list' {
            break
        }
        'patctl;user;help;show' {
            break
        }
        'patctl;user;help;block' {
            break
        }
        'patctl;user;help;unblock' {
            break
        }
        'patctl;user;help;help' {
            break
        }
        'patctl;project' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a project that can have project access tokens')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List projects with their member and active token counts')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a project: its members with their roles, and its tokens')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a project: revoke its tokens and delete their bot users')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'patctl;project;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name [default: the last path segment]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('--if-not-exists', '--if-not-exists', [CompletionResultType]::ParameterName, 'Exit 0 and change nothing when the project exists already')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;project;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;project;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;project;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;project;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a project that can have project access tokens')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List projects with their member and active token counts')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a project: its members with their roles, and its tokens')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a project: revoke its tokens and delete their bot users')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'patctl;project;help;add' {
            break
        }
        'patctl;project;help;list' {
            break
        }
        'patctl;project;help;show' {
            break
        }
        'patctl;project;help;remove' {
            break
        }
        'patctl;project;help;help' {
            break
        }
        'patctl;group' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a group that can have group access tokens')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List groups with their member and active token counts')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a group: its members with their roles, and its tokens')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a group: revoke its tokens and delete their bot users')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'patctl;group;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name [default: the last path segment]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('--if-not-exists', '--if-not-exists', [CompletionResultType]::ParameterName, 'Exit 0 and change nothing when the group exists already')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;group;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;group;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;group;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;group;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a group that can have group access tokens')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List groups with their member and active token counts')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a group: its members with their roles, and its tokens')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a group: revoke its tokens and delete their bot users')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'patctl;group;help;add' {
            break
        }
        'patctl;group;help;list' {
            break
        }
        'patctl;group;help;show' {
            break
        }
        'patctl;group;help;remove' {
            break
        }
        'patctl;group;help;help' {
            break
        }
        'patctl;create' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Owner of the token [asked for on a terminal when left out]')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'A project access token: a new bot user of this project owns it')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'A group access token: a new bot user of this group (e.g. parent/child) owns it')
            [CompletionResult]::new('--access-level', '--access-level', [CompletionResultType]::ParameterName, 'The bot''s role in the project or group [default: guest]')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Name of the token, e.g. "Automation token" [asked for on a terminal when left out]')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'Scopes, comma-separated or repeated: api, read_api, read_user, read_repository, ... [a list with GitLab''s descriptions on a terminal when left out]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Scopes, comma-separated or repeated: api, read_api, read_user, read_repository, ... [a list with GitLab''s descriptions on a terminal when left out]')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Free-text description (at most 255 characters)')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Expiry as a duration from today, in whole days: 30d, 2w, 6mo, 1y')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Preset token string (visible to other users: prefer --token-file -)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read a preset token from a file, or `-` for standard input (a hidden prompt on a terminal)')
            [CompletionResult]::new('--expires-at', '--expires-at', [CompletionResultType]::ParameterName, 'Expiry date; the token stops working at 00:00 UTC that day [default: today + config tokens.max_lifetime_days, asked for on a terminal when other flags were left out]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('--impersonation', '--impersonation', [CompletionResultType]::ParameterName, 'An impersonation token (an administrator acting as the user)')
            [CompletionResult]::new('--no-expiry', '--no-expiry', [CompletionResultType]::ParameterName, 'No expiry (refused while config tokens.require_expiry is true)')
            [CompletionResult]::new('--if-not-exists', '--if-not-exists', [CompletionResultType]::ParameterName, 'Exit 0 and change nothing when the same token (owner, name, scopes) already exists')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Print only the generated token on stdout, for TOKEN=$(patctl create ... --raw)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;list' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only tokens of this user')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Only tokens of this project (project access tokens)')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Only tokens of this group (group access tokens)')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Which tokens: active, inactive (revoked or expired), revoked, expired, all [default: active; all when --revoked is given]')
            [CompletionResult]::new('--revoked', '--revoked', [CompletionResultType]::ParameterName, 'Only revoked tokens (true) or only tokens not revoked (false), expired or not')
            [CompletionResult]::new('--impersonation', '--impersonation', [CompletionResultType]::ParameterName, 'Only impersonation tokens (true) or only other tokens (false)')
            [CompletionResult]::new('--owner-type', '--owner-type', [CompletionResultType]::ParameterName, 'Only tokens whose owner is a person, a bot (bot, project bot, ghost) or a service account')
            [CompletionResult]::new('--created-before', '--created-before', [CompletionResultType]::ParameterName, 'Created at or before (YYYY-MM-DD, RFC 3339, or relative: 30d, 24h, today; see Dates)')
            [CompletionResult]::new('--created-after', '--created-after', [CompletionResultType]::ParameterName, 'Created at or after (YYYY-MM-DD, RFC 3339, or relative: 30d, 24h, today; see Dates)')
            [CompletionResult]::new('--last-used-before', '--last-used-before', [CompletionResultType]::ParameterName, 'Last used at or before (YYYY-MM-DD, RFC 3339, or relative: 30d, 24h, today; see Dates)')
            [CompletionResult]::new('--last-used-after', '--last-used-after', [CompletionResultType]::ParameterName, 'Last used at or after (YYYY-MM-DD, RFC 3339, or relative: 30d, 24h, today; see Dates)')
            [CompletionResult]::new('--expires-before', '--expires-before', [CompletionResultType]::ParameterName, 'Expiring before this date (exclusive), or before a time from now: 30d, 6mo (see Dates)')
            [CompletionResult]::new('--expires-after', '--expires-after', [CompletionResultType]::ParameterName, 'Expiring on or after this date, or after a time from now: 30d, 6mo (see Dates)')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Names containing every word of 3+ characters, or equal to a shorter query (as GitLab)')
            [CompletionResult]::new('--unused-for', '--unused-for', [CompletionResultType]::ParameterName, 'Stale tokens: never used or last used before now minus DURATION (30d, 2w, 6mo, 1y), and created before then too')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'Order: id, name, created, expires or last_used, with :asc or :desc')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('--never-used', '--never-used', [CompletionResultType]::ParameterName, 'Only tokens that were never used')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;verify' {
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'A scope whose abilities the token must carry (repeat, or comma-separate)')
            [CompletionResult]::new('--scopes', '--scopes', [CompletionResultType]::ParameterName, 'A scope whose abilities the token must carry (repeat, or comma-separate)')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token from a file, or `-` for standard input')
            [CompletionResult]::new('--ip', '--ip', [CompletionResultType]::ParameterName, 'The client''s address (IPv4 or IPv6), kept among the token''s last 5 (last_used_ips)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;rotate' {
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'The token''s id')
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token string from a file, or `-` for standard input')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Expiry as a duration from today, in whole days: 30d, 2w, 6mo, 1y')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'Keep the old token working this long (30m, 2h, 1d; at most 7d); shown as `rotating`')
            [CompletionResult]::new('--expires-at', '--expires-at', [CompletionResultType]::ParameterName, 'Expiry date of the new token [default: today + 7 days; none when expiry is not required]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('--keep-lifetime', '--keep-lifetime', [CompletionResultType]::ParameterName, 'Give the new token the old one''s lifetime again, from today (capped by the maximum)')
            [CompletionResult]::new('--raw', '--raw', [CompletionResultType]::ParameterName, 'Print only the new token on stdout, for NEW=$(patctl rotate ... --raw)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;revoke' {
            [CompletionResult]::new('--token-file', '--token-file', [CompletionResultType]::ParameterName, 'Read the token string from a file, or `-` for standard input')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'The token''s id')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The token''s owner (with --name), or with --all every token of this user')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The token''s name (with --user)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'With --all: tokens of this project')
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'With --all: tokens of this group')
            [CompletionResult]::new('--unused-for', '--unused-for', [CompletionResultType]::ParameterName, 'With --all: tokens not used (or, never used, created) within this span: 90d, 12w, 6mo, 1y')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Revoke every live token matching --user, --project, --group and --unused-for (combined)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With --all: print what would be revoked and change nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation on a terminal (needed for --all without one; scripts revoking one token need no --yes)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation on a terminal (needed for --all without one; scripts revoking one token need no --yes)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;check-expiry' {
            [CompletionResult]::new('--within', '--within', [CompletionResultType]::ParameterName, 'Report tokens expiring within this many days [default: config expiry.within_days, 7]')
            [CompletionResult]::new('--expired-within', '--expired-within', [CompletionResultType]::ParameterName, 'Also report tokens that expired up to this many days ago and are still not revoked, so a check stays CRITICAL until someone acts [default: 0, expired today only]')
            [CompletionResult]::new('--as-of', '--as-of', [CompletionResultType]::ParameterName, 'Evaluate as of this date (YYYY-MM-DD) [default: today in UTC]')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only tokens of this user')
            [CompletionResult]::new('--textfile', '--textfile', [CompletionResultType]::ParameterName, 'With --format prometheus: write the metrics to this file instead of stdout, replaced whole (0644), for node_exporter''s textfile collector (a *.prom file in its directory)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('--once', '--once', [CompletionResultType]::ParameterName, 'Cron mode: report each token once per notification threshold (config expiry.notify_days) and once when it has expired, and record what was reported')
            [CompletionResult]::new('--include-impersonation', '--include-impersonation', [CompletionResultType]::ParameterName, 'Also report impersonation tokens (left out by default, as GitLab does)')
            [CompletionResult]::new('--exit-zero', '--exit-zero', [CompletionResultType]::ParameterName, 'Exit 0 whenever the check ran, whatever it found')
            [CompletionResult]::new('--mail', '--mail', [CompletionResultType]::ParameterName, 'Mail each owner with an email address through config mail.sendmail')
            [CompletionResult]::new('--per-token', '--per-token', [CompletionResultType]::ParameterName, 'With --format prometheus: also one series per token (labels id, name, owner). Off by default because every token would be a time series of its own, and Prometheus''s memory grows with the number of series (cardinality)')
            [CompletionResult]::new('--nagios', '--nagios', [CompletionResultType]::ParameterName, 'Print one Nagios plugin line; a check that cannot run prints UNKNOWN and exits 3 (also: --format nagios, kept for existing scripts)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;audit' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Events on or after this day (UTC), or since a time ago: 24h, 30d, yesterday (see Dates)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Events on or before this day (UTC), or until a time ago: 24h, 30d (see Dates)')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Only this action, e.g. token.revoke')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only events about this user (as named when the event was recorded)')
            [CompletionResult]::new('--token-id', '--token-id', [CompletionResultType]::ParameterName, 'Only events about this token')
            [CompletionResult]::new('--after-id', '--after-id', [CompletionResultType]::ParameterName, 'Only events after this event id (a log shipper''s cursor: the last id it stored)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing new events as they are committed, checking every second, until interrupted (SIGINT, SIGTERM) or the reader closes the pipe; needs --format jsonl or csv')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;apply' {
            [CompletionResult]::new('--tokens-out', '--tokens-out', [CompletionResultType]::ParameterName, 'Where generated tokens are written (created 0600; lines of name<TAB>owner<TAB>token); - for stdout')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (create / update / rotate / revoke / unchanged) and write nothing')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Revoke tokens that an earlier apply of this file created and that it no longer declares')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing non-empty --tokens-out file (a new file is renamed over it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;db' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the database for corruption and out-of-range dates (exit 0 when sound, 74 when corrupt, 65 when --repair has dates to fix)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Copy the database with SQLite''s online backup API (safe while others write)')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Apply pending schema migrations and say from which version to which (after a quick_check)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'patctl;db;check' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('--full', '--full', [CompletionResultType]::ParameterName, 'Run integrity_check (which also checks indexes against tables) and foreign_key_check')
            [CompletionResult]::new('--repair', '--repair', [CompletionResultType]::ParameterName, 'Fix the dates and times found outside 1970..9999, in one transaction with an audit event')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;db;backup' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace PATH if it exists (only once the copy is complete)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;db;migrate' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;db;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the database for corruption and out-of-range dates (exit 0 when sound, 74 when corrupt, 65 when --repair has dates to fix)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Copy the database with SQLite''s online backup API (safe while others write)')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Apply pending schema migrations and say from which version to which (after a quick_check)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'patctl;db;help;check' {
            break
        }
        'patctl;db;help;backup' {
            break
        }
        'patctl;db;help;migrate' {
            break
        }
        'patctl;db;help;help' {
            break
        }
        'patctl;config' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every configuration value in effect and where it came from (default, file, env, flag)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the configuration files looked for and which one is read')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'patctl;config;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;config;path' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every configuration value in effect and where it came from (default, file, env, flag)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the configuration files looked for and which one is read')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'patctl;config;help;show' {
            break
        }
        'patctl;config;help;path' {
            break
        }
        'patctl;config;help;help' {
            break
        }
        'patctl;completions' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write the scripts into DIR instead of printing: every shell''s unless SHELL is given')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;man' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Write every page (patctl.1, patctl-create.1, patctl-user-add.1, ...) into DIR')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors, no status messages')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colours (also: NO_COLOR); the same as --color never')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show every table column in full, however narrow the terminal')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Never page long tables (by default they go through $PAGER, else `less -FRX`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'patctl;help' {
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage users (add, list, show, block, unblock)')
            [CompletionResult]::new('project', 'project', [CompletionResultType]::ParameterValue, 'Manage projects (add, list, show, remove) for project access tokens')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Manage groups (add, list, show, remove) for group access tokens')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a personal, impersonation, project or group access token (shown once)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tokens (default: active ones)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show every field of one token (never the token string itself)')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a token: exists, not revoked, not expired, owner not blocked, has the scopes')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Rotate a token: revoke it and create a new one with the same name, scopes and owner')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke a token (GitLab''s revoke!); revoking twice is harmless')
            [CompletionResult]::new('check-expiry', 'check-expiry', [CompletionResultType]::ParameterValue, 'Report tokens that expire soon or have expired (cron and Nagios friendly)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Show the audit trail (oldest first); events never hold a token value')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Create, update, rotate (--prune: revoke) users, projects, groups and tokens to match a file')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'Maintain the database (check, backup, migrate)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the effective configuration and the files looked for')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (bash, zsh, fish, elvish, powershell)')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print a manual page, or write them all with --dir')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'patctl;help;user' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a user who can own tokens')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one user and how many active tokens it owns')
            [CompletionResult]::new('block', 'block', [CompletionResultType]::ParameterValue, 'Block a user: its tokens stop verifying until it is unblocked')
            [CompletionResult]::new('unblock', 'unblock', [CompletionResultType]::ParameterValue, 'Unblock a user')
            break
        }
        'patctl;help;user;add' {
            break
        }
        'patctl;help;user;list' {
            break
        }
        'patctl;help;user;show' {
            break
        }
        'patctl;help;user;block' {
            break
        }
        'patctl;help;user;unblock' {
            break
        }
        'patctl;help;project' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a project that can have project access tokens')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List projects with their member and active token counts')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a project: its members with their roles, and its tokens')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a project: revoke its tokens and delete their bot users')
            break
        }
        'patctl;help;project;add' {
            break
        }
        'patctl;help;project;list' {
            break
        }
        'patctl;help;project;show' {
            break
        }
        'patctl;help;project;remove' {
            break
        }
        'patctl;help;group' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a group that can have group access tokens')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List groups with their member and active token counts')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a group: its members with their roles, and its tokens')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove a group: revoke its tokens and delete their bot users')
            break
        }
        'patctl;help;group;add' {
            break
        }
        'patctl;help;group;list' {
            break
        }
        'patctl;help;group;show' {
            break
        }
        'patctl;help;group;remove' {
            break
        }
        'patctl;help;create' {
            break
        }
        'patctl;help;list' {
            break
        }
        'patctl;help;show' {
            break
        }
        'patctl;help;verify' {
            break
        }
        'patctl;help;rotate' {
            break
        }
        'patctl;help;revoke' {
            break
        }
        'patctl;help;check-expiry' {
            break
        }
        'patctl;help;audit' {
            break
        }
        'patctl;help;apply' {
            break
        }
        'patctl;help;db' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check the database for corruption and out-of-range dates (exit 0 when sound, 74 when corrupt, 65 when --repair has dates to fix)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Copy the database with SQLite''s online backup API (safe while others write)')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Apply pending schema migrations and say from which version to which (after a quick_check)')
            break
        }
        'patctl;help;db;check' {
            break
        }
        'patctl;help;db;backup' {
            break
        }
        'patctl;help;db;migrate' {
            break
        }
        'patctl;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every configuration value in effect and where it came from (default, file, env, flag)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the configuration files looked for and which one is read')
            break
        }
        'patctl;help;config;show' {
            break
        }
        'patctl;help;config;path' {
            break
        }
        'patctl;help;completions' {
            break
        }
        'patctl;help;man' {
            break
        }
        'patctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
