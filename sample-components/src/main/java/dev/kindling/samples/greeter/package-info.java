/** A component with its own typed configuration keys, read from the file, the environment and flags. */
package dev.kindling.samples.greeter;
