# basics.sh - usage, help and version.
expect_exit 0 help -- "$RRSIM" --help
expect_exit 0 version -- "$RRSIM" --version
expect_exit 2 no-args -- "$RRSIM"
expect_stderr "rrsim: unknown command 'frobnicate'
(see 'rrsim --help')" unknown-command -- "$RRSIM" frobnicate
expect_stderr "rrsim: unknown option '--bogus'
(see 'rrsim run --help')" unknown-option -- "$RRSIM" run scenarios/mm1.ini --bogus
expect_stderr "rrsim: --reps: expected a whole number >= 1, got 'many'
(see 'rrsim run --help')" bad-reps -- "$RRSIM" run scenarios/mm1.ini --reps many
expect_stderr "rrsim: --plot: expected png, svg, pdf or none, got 'gif'
(see 'rrsim run --help')" bad-plot -- "$RRSIM" run scenarios/mm1.ini --plot gif
expect_stderr "rrsim: --set: expected KEY=VALUE, got 'iom_share'
(see 'rrsim run --help')" bad-set -- "$RRSIM" run scenarios/mm1.ini --set iom_share
expect_stderr "rrsim: run needs one scenario file
(see 'rrsim run --help')" run-no-file -- "$RRSIM" run
"$RRSIM" --help | grep -q '^usage: rrsim' && ok help-text || fail help-text "no usage line on stdout"
