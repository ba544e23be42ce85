# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_patctl_global_optspecs
    string join \n db= config= format= q/quiet no-color no-input wait= color= wide no-pager h/help V/version
end

function __fish_patctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_patctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_patctl_using_subcommand
    set -l cmd (__fish_patctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c patctl -n "__fish_patctl_needs_command" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_needs_command" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_needs_command" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_needs_command" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_needs_command" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_needs_command" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_needs_command" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_needs_command" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_needs_command" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_needs_command" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_needs_command" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_needs_command" -f -a "user" -d 'Manage users (add, list, show, block, unblock)'
complete -c patctl -n "__fish_patctl_needs_command" -f -a "project" -d 'Manage projects (add, list, show, remove) for project access tokens'
complete -c patctl -n "__fish_patctl_needs_command" -f -a "group" -d 'Manage groups (add, list, show, remove) for group access tokens'
complete -c patctl -n "__fish_patctl_needs_command" -f -a "create" -d 'Create a personal, impersonation, project or group access token (shown once)'
complete -c patctl -n "__fish_patctl_needs_command" -f -a "list" -d 'List tokens (default: active ones)'
complete -c patctl -n "__fish_patctl_needs_command" -f -a "show" -d 'Show every field of one token (never the token string itself)'
complete -c patctl -n "__fish_patctl_needs_command" -f -a "verify" -d 'Check a token: exists, not revoked, not expired, owner not blocked, has the scopes'
complete -c patctl -n "__fish_patctl_needs_command" -f -a "rotate" -d 'Rotate a token: revoke it and create a new one with the same name, scopes and owner'
complete -c patctl -n "__fish_patctl_needs_command" -f -a "revoke" -d 'Revoke a token (GitLab\'s revoke!); revoking twice is harmless'
complete -c patctl -n "__fish_patctl_needs_command" -f -a "check-expiry" -d 'Report tokens that expire soon or have expired (cron and Nagios friendly)'
complete -c patctl -n "__fish_patctl_needs_command" -f -a "audit" -d 'Show the audit trail (oldest first); events never hold a token value'
complete -c patctl -n "__fish_patctl_needs_command" -f -a "apply" -d 'Create, update, rotate (--prune: revoke) users, projects, groups and tokens to match a file'
complete -c patctl -n "__fish_patctl_needs_command" -f -a "db" -d 'Maintain the database (check, backup, migrate)'
complete -c patctl -n "__fish_patctl_needs_command" -f -a "config" -d 'Show the effective configuration and the files looked for'
complete -c patctl -n "__fish_patctl_needs_command" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c patctl -n "__fish_patctl_needs_command" -f -a "man" -d 'Print a manual page, or write them all with --dir'
complete -c patctl -n "__fish_patctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -f -a "add" -d 'Add a user who can own tokens'
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -f -a "list" -d 'List users'
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -f -a "show" -d 'Show one user and how many active tokens it owns'
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -f -a "block" -d 'Block a user: its tokens stop verifying until it is unblocked'
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -f -a "unblock" -d 'Unblock a user'
complete -c patctl -n "__fish_patctl_using_subcommand user; and not __fish_seen_subcommand_from add list show block unblock help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -l name -d 'Display name [default: the username]' -r
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -l email -d 'Email address, where expiry notices go' -r
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -l bot -d 'A bot user (user_type bot)'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -l service-account -d 'A service account (user_type service_account): a non-human account whose tokens an admin manages; config service_accounts.require_expiry decides whether its tokens must expire'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -l admin -d 'Give admin rights (needed for the sudo, admin_mode and read_service_ping scopes)'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -l if-not-exists -d 'Exit 0 and change nothing when the user exists already'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from list" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from list" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from list" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from list" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from show" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from show" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from show" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from show" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from show" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from show" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from block" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from block" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from block" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from block" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from block" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from block" -s y -l yes -d 'Do not ask for confirmation (needed without a terminal)'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from block" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from block" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from block" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from block" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from block" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from block" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from block" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from unblock" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from unblock" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from unblock" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from unblock" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from unblock" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from unblock" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from unblock" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from unblock" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from unblock" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from unblock" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from unblock" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from unblock" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a user who can own tokens'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "list" -d 'List users'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one user and how many active tokens it owns'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "block" -d 'Block a user: its tokens stop verifying until it is unblocked'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "unblock" -d 'Unblock a user'
complete -c patctl -n "__fish_patctl_using_subcommand user; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patctl -n "__fish_patctl_using_subcommand project; and not __fish_seen_subcommand_from add list show remove help" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand project; and not __fish_seen_subcommand_from add list show remove help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand project; and not __fish_seen_subcommand_from add list show remove help" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand project; and not __fish_seen_subcommand_from add list show remove help" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand project; and not __fish_seen_subcommand_from add list show remove help" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand project; and not __fish_seen_subcommand_from add list show remove help" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand project; and not __fish_seen_subcommand_from add list show remove help" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand project; and not __fish_seen_subcommand_from add list show remove help" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand project; and not __fish_seen_subcommand_from add list show remove help" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand project; and not __fish_seen_subcommand_from add list show remove help" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand project; and not __fish_seen_subcommand_from add list show remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand project; and not __fish_seen_subcommand_from add list show remove help" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand project; and not __fish_seen_subcommand_from add list show remove help" -f -a "add" -d 'Add a project that can have project access tokens'
complete -c patctl -n "__fish_patctl_using_subcommand project; and not __fish_seen_subcommand_from add list show remove help" -f -a "list" -d 'List projects with their member and active token counts'
complete -c patctl -n "__fish_patctl_using_subcommand project; and not __fish_seen_subcommand_from add list show remove help" -f -a "show" -d 'Show a project: its members with their roles, and its tokens'
complete -c patctl -n "__fish_patctl_using_subcommand project; and not __fish_seen_subcommand_from add list show remove help" -f -a "remove" -d 'Remove a project: revoke its tokens and delete their bot users'
complete -c patctl -n "__fish_patctl_using_subcommand project; and not __fish_seen_subcommand_from add list show remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from add" -l name -d 'Display name [default: the last path segment]' -r
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from add" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from add" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from add" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from add" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from add" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from add" -l if-not-exists -d 'Exit 0 and change nothing when the project exists already'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from add" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from add" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from add" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from list" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from list" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from list" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from list" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from show" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from show" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from show" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from show" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from show" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from show" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from remove" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from remove" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from remove" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from remove" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation (needed without a terminal)'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from remove" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from remove" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from remove" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a project that can have project access tokens'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from help" -f -a "list" -d 'List projects with their member and active token counts'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a project: its members with their roles, and its tokens'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a project: revoke its tokens and delete their bot users'
complete -c patctl -n "__fish_patctl_using_subcommand project; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patctl -n "__fish_patctl_using_subcommand group; and not __fish_seen_subcommand_from add list show remove help" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand group; and not __fish_seen_subcommand_from add list show remove help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand group; and not __fish_seen_subcommand_from add list show remove help" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand group; and not __fish_seen_subcommand_from add list show remove help" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand group; and not __fish_seen_subcommand_from add list show remove help" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand group; and not __fish_seen_subcommand_from add list show remove help" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand group; and not __fish_seen_subcommand_from add list show remove help" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand group; and not __fish_seen_subcommand_from add list show remove help" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand group; and not __fish_seen_subcommand_from add list show remove help" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand group; and not __fish_seen_subcommand_from add list show remove help" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand group; and not __fish_seen_subcommand_from add list show remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand group; and not __fish_seen_subcommand_from add list show remove help" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand group; and not __fish_seen_subcommand_from add list show remove help" -f -a "add" -d 'Add a group that can have group access tokens'
complete -c patctl -n "__fish_patctl_using_subcommand group; and not __fish_seen_subcommand_from add list show remove help" -f -a "list" -d 'List groups with their member and active token counts'
complete -c patctl -n "__fish_patctl_using_subcommand group; and not __fish_seen_subcommand_from add list show remove help" -f -a "show" -d 'Show a group: its members with their roles, and its tokens'
complete -c patctl -n "__fish_patctl_using_subcommand group; and not __fish_seen_subcommand_from add list show remove help" -f -a "remove" -d 'Remove a group: revoke its tokens and delete their bot users'
complete -c patctl -n "__fish_patctl_using_subcommand group; and not __fish_seen_subcommand_from add list show remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from add" -l name -d 'Display name [default: the last path segment]' -r
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from add" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from add" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from add" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from add" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from add" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from add" -l if-not-exists -d 'Exit 0 and change nothing when the group exists already'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from add" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from add" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from add" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from list" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from list" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from list" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from list" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from list" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from show" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from show" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from show" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from show" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from show" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from show" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from remove" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from remove" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from remove" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from remove" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from remove" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask for confirmation (needed without a terminal)'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from remove" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from remove" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from remove" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from remove" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a group that can have group access tokens'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "list" -d 'List groups with their member and active token counts'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a group: its members with their roles, and its tokens'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove a group: revoke its tokens and delete their bot users'
complete -c patctl -n "__fish_patctl_using_subcommand group; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patctl -n "__fish_patctl_using_subcommand create" -l user -d 'Owner of the token [asked for on a terminal when left out]' -r
complete -c patctl -n "__fish_patctl_using_subcommand create" -l project -d 'A project access token: a new bot user of this project owns it' -r
complete -c patctl -n "__fish_patctl_using_subcommand create" -l group -d 'A group access token: a new bot user of this group (e.g. parent/child) owns it' -r
complete -c patctl -n "__fish_patctl_using_subcommand create" -l access-level -d 'The bot\'s role in the project or group [default: guest]' -r -f -a "guest\t''
reporter\t''
developer\t''
maintainer\t''
owner\t''"
complete -c patctl -n "__fish_patctl_using_subcommand create" -l name -d 'Name of the token, e.g. "Automation token" [asked for on a terminal when left out]' -r
complete -c patctl -n "__fish_patctl_using_subcommand create" -l scopes -l scope -d 'Scopes, comma-separated or repeated: api, read_api, read_user, read_repository, ... [a list with GitLab\'s descriptions on a terminal when left out]' -r
complete -c patctl -n "__fish_patctl_using_subcommand create" -l description -d 'Free-text description (at most 255 characters)' -r
complete -c patctl -n "__fish_patctl_using_subcommand create" -l expires-in -d 'Expiry as a duration from today, in whole days: 30d, 2w, 6mo, 1y' -r
complete -c patctl -n "__fish_patctl_using_subcommand create" -l token -d 'Preset token string (visible to other users: prefer --token-file -)' -r
complete -c patctl -n "__fish_patctl_using_subcommand create" -l token-file -d 'Read a preset token from a file, or `-` for standard input (a hidden prompt on a terminal)' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand create" -l expires-at -d 'Expiry date; the token stops working at 00:00 UTC that day [default: today + config tokens.max_lifetime_days, asked for on a terminal when other flags were left out]' -r
complete -c patctl -n "__fish_patctl_using_subcommand create" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand create" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand create" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand create" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand create" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand create" -l impersonation -d 'An impersonation token (an administrator acting as the user)'
complete -c patctl -n "__fish_patctl_using_subcommand create" -l no-expiry -d 'No expiry (refused while config tokens.require_expiry is true)'
complete -c patctl -n "__fish_patctl_using_subcommand create" -l if-not-exists -d 'Exit 0 and change nothing when the same token (owner, name, scopes) already exists'
complete -c patctl -n "__fish_patctl_using_subcommand create" -l raw -d 'Print only the generated token on stdout, for TOKEN=$(patctl create ... --raw)'
complete -c patctl -n "__fish_patctl_using_subcommand create" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand create" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand create" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand create" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand create" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand create" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand list" -l user -d 'Only tokens of this user' -r
complete -c patctl -n "__fish_patctl_using_subcommand list" -l project -d 'Only tokens of this project (project access tokens)' -r
complete -c patctl -n "__fish_patctl_using_subcommand list" -l group -d 'Only tokens of this group (group access tokens)' -r
complete -c patctl -n "__fish_patctl_using_subcommand list" -l state -d 'Which tokens: active, inactive (revoked or expired), revoked, expired, all [default: active; all when --revoked is given]' -r -f -a "active\t''
inactive\t''
revoked\t''
expired\t''
all\t''"
complete -c patctl -n "__fish_patctl_using_subcommand list" -l revoked -d 'Only revoked tokens (true) or only tokens not revoked (false), expired or not' -r -f -a "true\t''
false\t''"
complete -c patctl -n "__fish_patctl_using_subcommand list" -l impersonation -d 'Only impersonation tokens (true) or only other tokens (false)' -r -f -a "true\t''
false\t''"
complete -c patctl -n "__fish_patctl_using_subcommand list" -l owner-type -d 'Only tokens whose owner is a person, a bot (bot, project bot, ghost) or a service account' -r -f -a "human\t''
bot\t''
service_account\t''"
complete -c patctl -n "__fish_patctl_using_subcommand list" -l created-before -d 'Created at or before (YYYY-MM-DD, RFC 3339, or relative: 30d, 24h, today; see Dates)' -r
complete -c patctl -n "__fish_patctl_using_subcommand list" -l created-after -d 'Created at or after (YYYY-MM-DD, RFC 3339, or relative: 30d, 24h, today; see Dates)' -r
complete -c patctl -n "__fish_patctl_using_subcommand list" -l last-used-before -d 'Last used at or before (YYYY-MM-DD, RFC 3339, or relative: 30d, 24h, today; see Dates)' -r
complete -c patctl -n "__fish_patctl_using_subcommand list" -l last-used-after -d 'Last used at or after (YYYY-MM-DD, RFC 3339, or relative: 30d, 24h, today; see Dates)' -r
complete -c patctl -n "__fish_patctl_using_subcommand list" -l expires-before -d 'Expiring before this date (exclusive), or before a time from now: 30d, 6mo (see Dates)' -r
complete -c patctl -n "__fish_patctl_using_subcommand list" -l expires-after -d 'Expiring on or after this date, or after a time from now: 30d, 6mo (see Dates)' -r
complete -c patctl -n "__fish_patctl_using_subcommand list" -l search -d 'Names containing every word of 3+ characters, or equal to a shorter query (as GitLab)' -r
complete -c patctl -n "__fish_patctl_using_subcommand list" -l unused-for -d 'Stale tokens: never used or last used before now minus DURATION (30d, 2w, 6mo, 1y), and created before then too' -r
complete -c patctl -n "__fish_patctl_using_subcommand list" -l sort -d 'Order: id, name, created, expires or last_used, with :asc or :desc' -r
complete -c patctl -n "__fish_patctl_using_subcommand list" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand list" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand list" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand list" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand list" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand list" -l never-used -d 'Only tokens that were never used'
complete -c patctl -n "__fish_patctl_using_subcommand list" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand list" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand list" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand list" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand list" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand list" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand show" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand show" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand show" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand show" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand show" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand show" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand show" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand show" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand show" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand show" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand verify" -l scope -l scopes -d 'A scope whose abilities the token must carry (repeat, or comma-separate)' -r
complete -c patctl -n "__fish_patctl_using_subcommand verify" -l token-file -d 'Read the token from a file, or `-` for standard input' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand verify" -l ip -d 'The client\'s address (IPv4 or IPv6), kept among the token\'s last 5 (last_used_ips)' -r
complete -c patctl -n "__fish_patctl_using_subcommand verify" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand verify" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand verify" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand verify" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand verify" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand verify" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand verify" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand verify" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand verify" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand verify" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand verify" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -l id -d 'The token\'s id' -r
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -l token-file -d 'Read the token string from a file, or `-` for standard input' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -l expires-in -d 'Expiry as a duration from today, in whole days: 30d, 2w, 6mo, 1y' -r
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -l grace -d 'Keep the old token working this long (30m, 2h, 1d; at most 7d); shown as `rotating`' -r
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -l expires-at -d 'Expiry date of the new token [default: today + 7 days; none when expiry is not required]' -r
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -l keep-lifetime -d 'Give the new token the old one\'s lifetime again, from today (capped by the maximum)'
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -l raw -d 'Print only the new token on stdout, for NEW=$(patctl rotate ... --raw)'
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand rotate" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l token-file -d 'Read the token string from a file, or `-` for standard input' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l id -d 'The token\'s id' -r
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l user -d 'The token\'s owner (with --name), or with --all every token of this user' -r
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l name -d 'The token\'s name (with --user)' -r
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l project -d 'With --all: tokens of this project' -r
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l group -d 'With --all: tokens of this group' -r
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l unused-for -d 'With --all: tokens not used (or, never used, created) within this span: 90d, 12w, 6mo, 1y' -r
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l all -d 'Revoke every live token matching --user, --project, --group and --unused-for (combined)'
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l dry-run -d 'With --all: print what would be revoked and change nothing'
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -s y -l yes -d 'Do not ask for confirmation on a terminal (needed for --all without one; scripts revoking one token need no --yes)'
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand revoke" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l within -d 'Report tokens expiring within this many days [default: config expiry.within_days, 7]' -r
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l expired-within -d 'Also report tokens that expired up to this many days ago and are still not revoked, so a check stays CRITICAL until someone acts [default: 0, expired today only]' -r
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l as-of -d 'Evaluate as of this date (YYYY-MM-DD) [default: today in UTC]' -r
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l user -d 'Only tokens of this user' -r
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l textfile -d 'With --format prometheus: write the metrics to this file instead of stdout, replaced whole (0644), for node_exporter\'s textfile collector (a *.prom file in its directory)' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l once -d 'Cron mode: report each token once per notification threshold (config expiry.notify_days) and once when it has expired, and record what was reported'
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l include-impersonation -d 'Also report impersonation tokens (left out by default, as GitLab does)'
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l exit-zero -d 'Exit 0 whenever the check ran, whatever it found'
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l mail -d 'Mail each owner with an email address through config mail.sendmail'
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l per-token -d 'With --format prometheus: also one series per token (labels id, name, owner). Off by default because every token would be a time series of its own, and Prometheus\'s memory grows with the number of series (cardinality)'
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l nagios -d 'Print one Nagios plugin line; a check that cannot run prints UNKNOWN and exits 3 (also: --format nagios, kept for existing scripts)'
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand check-expiry" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand audit" -l since -d 'Events on or after this day (UTC), or since a time ago: 24h, 30d, yesterday (see Dates)' -r
complete -c patctl -n "__fish_patctl_using_subcommand audit" -l until -d 'Events on or before this day (UTC), or until a time ago: 24h, 30d (see Dates)' -r
complete -c patctl -n "__fish_patctl_using_subcommand audit" -l action -d 'Only this action, e.g. token.revoke' -r
complete -c patctl -n "__fish_patctl_using_subcommand audit" -l user -d 'Only events about this user (as named when the event was recorded)' -r
complete -c patctl -n "__fish_patctl_using_subcommand audit" -l token-id -d 'Only events about this token' -r
complete -c patctl -n "__fish_patctl_using_subcommand audit" -l after-id -d 'Only events after this event id (a log shipper\'s cursor: the last id it stored)' -r
complete -c patctl -n "__fish_patctl_using_subcommand audit" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand audit" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand audit" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand audit" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand audit" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand audit" -l follow -d 'Keep printing new events as they are committed, checking every second, until interrupted (SIGINT, SIGTERM) or the reader closes the pipe; needs --format jsonl or csv'
complete -c patctl -n "__fish_patctl_using_subcommand audit" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand audit" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand audit" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand audit" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand audit" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand audit" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand apply" -l tokens-out -d 'Where generated tokens are written (created 0600; lines of name<TAB>owner<TAB>token); - for stdout' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand apply" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand apply" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand apply" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand apply" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand apply" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand apply" -l dry-run -d 'Print the plan (create / update / rotate / revoke / unchanged) and write nothing'
complete -c patctl -n "__fish_patctl_using_subcommand apply" -l prune -d 'Revoke tokens that an earlier apply of this file created and that it no longer declares'
complete -c patctl -n "__fish_patctl_using_subcommand apply" -l force -d 'Replace an existing non-empty --tokens-out file (a new file is renamed over it)'
complete -c patctl -n "__fish_patctl_using_subcommand apply" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand apply" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand apply" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand apply" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand apply" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand apply" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand apply" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand db; and not __fish_seen_subcommand_from check backup migrate help" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand db; and not __fish_seen_subcommand_from check backup migrate help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand db; and not __fish_seen_subcommand_from check backup migrate help" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand db; and not __fish_seen_subcommand_from check backup migrate help" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand db; and not __fish_seen_subcommand_from check backup migrate help" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand db; and not __fish_seen_subcommand_from check backup migrate help" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand db; and not __fish_seen_subcommand_from check backup migrate help" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand db; and not __fish_seen_subcommand_from check backup migrate help" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand db; and not __fish_seen_subcommand_from check backup migrate help" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand db; and not __fish_seen_subcommand_from check backup migrate help" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand db; and not __fish_seen_subcommand_from check backup migrate help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand db; and not __fish_seen_subcommand_from check backup migrate help" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand db; and not __fish_seen_subcommand_from check backup migrate help" -f -a "check" -d 'Check the database for corruption and out-of-range dates (exit 0 when sound, 74 when corrupt, 65 when --repair has dates to fix)'
complete -c patctl -n "__fish_patctl_using_subcommand db; and not __fish_seen_subcommand_from check backup migrate help" -f -a "backup" -d 'Copy the database with SQLite\'s online backup API (safe while others write)'
complete -c patctl -n "__fish_patctl_using_subcommand db; and not __fish_seen_subcommand_from check backup migrate help" -f -a "migrate" -d 'Apply pending schema migrations and say from which version to which (after a quick_check)'
complete -c patctl -n "__fish_patctl_using_subcommand db; and not __fish_seen_subcommand_from check backup migrate help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from check" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from check" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from check" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from check" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from check" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from check" -l full -d 'Run integrity_check (which also checks indexes against tables) and foreign_key_check'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from check" -l repair -d 'Fix the dates and times found outside 1970..9999, in one transaction with an audit event'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from check" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from check" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from check" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from backup" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from backup" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from backup" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from backup" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from backup" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from backup" -l force -d 'Replace PATH if it exists (only once the copy is complete)'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from backup" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from backup" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from backup" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from backup" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from backup" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from backup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from backup" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from migrate" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check the database for corruption and out-of-range dates (exit 0 when sound, 74 when corrupt, 65 when --repair has dates to fix)'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "backup" -d 'Copy the database with SQLite\'s online backup API (safe while others write)'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "migrate" -d 'Apply pending schema migrations and say from which version to which (after a quick_check)'
complete -c patctl -n "__fish_patctl_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patctl -n "__fish_patctl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -f -a "show" -d 'Print every configuration value in effect and where it came from (default, file, env, flag)'
complete -c patctl -n "__fish_patctl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -f -a "path" -d 'Print the configuration files looked for and which one is read'
complete -c patctl -n "__fish_patctl_using_subcommand config; and not __fish_seen_subcommand_from show path help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from show" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from show" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from show" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from show" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from show" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from path" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from path" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from path" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from path" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from path" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from path" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from path" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print every configuration value in effect and where it came from (default, file, env, flag)'
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the configuration files looked for and which one is read'
complete -c patctl -n "__fish_patctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patctl -n "__fish_patctl_using_subcommand completions" -l dir -d 'Write the scripts into DIR instead of printing: every shell\'s unless SHELL is given' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand completions" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand completions" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand completions" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand completions" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand completions" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand completions" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand completions" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand completions" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand completions" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand completions" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand man" -l dir -d 'Write every page (patctl.1, patctl-create.1, patctl-user-add.1, ...) into DIR' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand man" -l db -d 'Database file [default: config database.path, else $XDG_DATA_HOME/patctl/patctl.db]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand man" -l config -d 'Config file [default: $XDG_CONFIG_HOME/patctl/config.toml, then /etc/patctl/config.toml]' -r -F
complete -c patctl -n "__fish_patctl_using_subcommand man" -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
jsonl\t'One JSON object per line (audit only)'
nagios\t'Alias of check-expiry --nagios, kept for scripts written before it'
prometheus\t'Prometheus text exposition (check-expiry only)'"
complete -c patctl -n "__fish_patctl_using_subcommand man" -l wait -d 'How long to wait for a locked database: 30s, 2m, 1h, or 0 to fail at once [default: PATCTL_WAIT, else config database.wait, else 5s]' -r
complete -c patctl -n "__fish_patctl_using_subcommand man" -l color -d 'Colour tables: auto (on a terminal, unless NO_COLOR or TERM=dumb), always, never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c patctl -n "__fish_patctl_using_subcommand man" -s q -l quiet -d 'Print only data and errors, no status messages'
complete -c patctl -n "__fish_patctl_using_subcommand man" -l no-color -d 'Never use colours (also: NO_COLOR); the same as --color never'
complete -c patctl -n "__fish_patctl_using_subcommand man" -l no-input -d 'Never prompt, even on a terminal (also: PATCTL_NO_INPUT=1)'
complete -c patctl -n "__fish_patctl_using_subcommand man" -l wide -d 'Show every table column in full, however narrow the terminal'
complete -c patctl -n "__fish_patctl_using_subcommand man" -l no-pager -d 'Never page long tables (by default they go through $PAGER, else `less -FRX`)'
complete -c patctl -n "__fish_patctl_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c patctl -n "__fish_patctl_using_subcommand man" -s V -l version -d 'Print version'
complete -c patctl -n "__fish_patctl_using_subcommand help; and not __fish_seen_subcommand_from user project group create list show verify rotate revoke check-expiry audit apply db config completions man help" -f -a "user" -d 'Manage users (add, list, show, block, unblock)'
complete -c patctl -n "__fish_patctl_using_subcommand help; and not __fish_seen_subcommand_from user project group create list show verify rotate revoke check-expiry audit apply db config completions man help" -f -a "project" -d 'Manage projects (add, list, show, remove) for project access tokens'
complete -c patctl -n "__fish_patctl_using_subcommand help; and not __fish_seen_subcommand_from user project group create list show verify rotate revoke check-expiry audit apply db config completions man help" -f -a "group" -d 'Manage groups (add, list, show, remove) for group access tokens'
complete -c patctl -n "__fish_patctl_using_subcommand help; and not __fish_seen_subcommand_from user project group create list show verify rotate revoke check-expiry audit apply db config completions man help" -f -a "create" -d 'Create a personal, impersonation, project or group access token (shown once)'
complete -c patctl -n "__fish_patctl_using_subcommand help; and not __fish_seen_subcommand_from user project group create list show verify rotate revoke check-expiry audit apply db config completions man help" -f -a "list" -d 'List tokens (default: active ones)'
complete -c patctl -n "__fish_patctl_using_subcommand help; and not __fish_seen_subcommand_from user project group create list show verify rotate revoke check-expiry audit apply db config completions man help" -f -a "show" -d 'Show every field of one token (never the token string itself)'
complete -c patctl -n "__fish_patctl_using_subcommand help; and not __fish_seen_subcommand_from user project group create list show verify rotate revoke check-expiry audit apply db config completions man help" -f -a "verify" -d 'Check a token: exists, not revoked, not expired, owner not blocked, has the scopes'
complete -c patctl -n "__fish_patctl_using_subcommand help; and not __fish_seen_subcommand_from user project group create list show verify rotate revoke check-expiry audit apply db config completions man help" -f -a "rotate" -d 'Rotate a token: revoke it and create a new one with the same name, scopes and owner'
complete -c patctl -n "__fish_patctl_using_subcommand help; and not __fish_seen_subcommand_from user project group create list show verify rotate revoke check-expiry audit apply db config completions man help" -f -a "revoke" -d 'Revoke a token (GitLab\'s revoke!); revoking twice is harmless'
complete -c patctl -n "__fish_patctl_using_subcommand help; and not __fish_seen_subcommand_from user project group create list show verify rotate revoke check-expiry audit apply db config completions man help" -f -a "check-expiry" -d 'Report tokens that expire soon or have expired (cron and Nagios friendly)'
complete -c patctl -n "__fish_patctl_using_subcommand help; and not __fish_seen_subcommand_from user project group create list show verify rotate revoke check-expiry audit apply db config completions man help" -f -a "audit" -d 'Show the audit trail (oldest first); events never hold a token value'
complete -c patctl -n "__fish_patctl_using_subcommand help; and not __fish_seen_subcommand_from user project group create list show verify rotate revoke check-expiry audit apply db config completions man help" -f -a "apply" -d 'Create, update, rotate (--prune: revoke) users, projects, groups and tokens to match a file'
complete -c patctl -n "__fish_patctl_using_subcommand help; and not __fish_seen_subcommand_from user project group create list show verify rotate revoke check-expiry audit apply db config completions man help" -f -a "db" -d 'Maintain the database (check, backup, migrate)'
complete -c patctl -n "__fish_patctl_using_subcommand help; and not __fish_seen_subcommand_from user project group create list show verify rotate revoke check-expiry audit apply db config completions man help" -f -a "config" -d 'Show the effective configuration and the files looked for'
complete -c patctl -n "__fish_patctl_using_subcommand help; and not __fish_seen_subcommand_from user project group create list show verify rotate revoke check-expiry audit apply db config completions man help" -f -a "completions" -d 'Print a shell completion script (bash, zsh, fish, elvish, powershell)'
complete -c patctl -n "__fish_patctl_using_subcommand help; and not __fish_seen_subcommand_from user project group create list show verify rotate revoke check-expiry audit apply db config completions man help" -f -a "man" -d 'Print a manual page, or write them all with --dir'
complete -c patctl -n "__fish_patctl_using_subcommand help; and not __fish_seen_subcommand_from user project group create list show verify rotate revoke check-expiry audit apply db config completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "add" -d 'Add a user who can own tokens'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "list" -d 'List users'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "show" -d 'Show one user and how many active tokens it owns'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "block" -d 'Block a user: its tokens stop verifying until it is unblocked'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from user" -f -a "unblock" -d 'Unblock a user'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from project" -f -a "add" -d 'Add a project that can have project access tokens'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from project" -f -a "list" -d 'List projects with their member and active token counts'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from project" -f -a "show" -d 'Show a project: its members with their roles, and its tokens'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from project" -f -a "remove" -d 'Remove a project: revoke its tokens and delete their bot users'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "add" -d 'Add a group that can have group access tokens'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "list" -d 'List groups with their member and active token counts'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "show" -d 'Show a group: its members with their roles, and its tokens'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from group" -f -a "remove" -d 'Remove a group: revoke its tokens and delete their bot users'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "check" -d 'Check the database for corruption and out-of-range dates (exit 0 when sound, 74 when corrupt, 65 when --repair has dates to fix)'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "backup" -d 'Copy the database with SQLite\'s online backup API (safe while others write)'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "migrate" -d 'Apply pending schema migrations and say from which version to which (after a quick_check)'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print every configuration value in effect and where it came from (default, file, env, flag)'
complete -c patctl -n "__fish_patctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the configuration files looked for and which one is read'
