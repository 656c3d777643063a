/**
 * The {@code fusedgan} command line (picocli): {@link dev.fusedgan.cli.Main} and one class per subcommand.
 * It parses options, opens a backend and reports; the work itself lives in the train and backend packages.
 */
package dev.fusedgan.cli;
