/**
 * XEP-0050 Ad-Hoc Commands (version 1.3) written as annotated methods: {@link dev.kindling.command.Command}
 * marks a command's first step, each {@link dev.kindling.command.CommandStep} shows a
 * {@link dev.kindling.form.Form} and names the stage that handles its submission, and Kindling keeps the
 * multi-stage sessions ({@code next}, {@code prev}, {@code complete}, {@code cancel}, expiry), checks the
 * submitted forms, enforces access rules, and lists the commands in disco#items.
 */
package dev.kindling.command;
