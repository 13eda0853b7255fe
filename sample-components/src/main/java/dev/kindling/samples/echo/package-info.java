/** The echo component written with Kindling's annotations: a reply to every message, in a dozen lines. */
package dev.kindling.samples.echo;
