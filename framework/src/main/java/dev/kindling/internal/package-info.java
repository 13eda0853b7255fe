/** Pieces shared between Kindling's own modules that are not API: services never use them. */
package dev.kindling.internal;
