/**
 * XEP-0004 Data Forms (version 2.13) as a small typed API: define a {@link dev.kindling.form.Form} of
 * {@link dev.kindling.form.Field}s with options and validation, send it as Tinder's
 * {@link org.xmpp.forms.DataForm}, and read a submission back into checked {@link dev.kindling.form.FormValues}.
 */
package dev.kindling.form;
