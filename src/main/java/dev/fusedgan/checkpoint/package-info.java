/**
 * The checkpoint file: a versioned, checksummed container of named float arrays, counters and text,
 * written atomically (temporary file, flush to disk, rename) so that a crash or a full disk mid-write
 * leaves the previous checkpoint intact. What goes into a checkpoint is the trainer's business; this
 * package only stores it and refuses damaged or foreign files with a one-line reason.
 */
package dev.fusedgan.checkpoint;
