/**
 * XEP-0004 Data Forms (version 2.13) as a small typed API: define a {@link dev.kindling.form.Form} of
 * {@link dev.kindling.form.Field}s with options and validation, optionally scoped by a FORM_TYPE (XEP-0068
 * version 1.3.0); send it as Tinder's {@link org.xmpp.forms.DataForm} to be filled, read a submission back into
 * checked {@link dev.kindling.form.FormValues} (with the vars the form does not know listed or refused), and write
 * {@code result} and {@code submit} forms of one's own.
 */
package dev.kindling.form;
