/** The sample components and the module that declares them. */
package dev.kindling.samples;
