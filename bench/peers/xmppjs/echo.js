// The xmpp.js peer of Kindling's comparison: @xmpp/component echoing messages and answering pings (XEP-0199).
// Arguments: host port domain secret [workMicros, ignored]. Prints READY once online.
"use strict";
const { component, xml } = require("@xmpp/component");

const [host, port, domain, secret] = process.argv.slice(2);
const xmpp = component({ service: `xmpp://${host}:${port}`, domain, password: secret });

xmpp.iqCallee.get("urn:xmpp:ping", "ping", () => true);

xmpp.on("stanza", (stanza) => {
  if (!stanza.is("message")) {
    return;
  }
  const type = stanza.attrs.type || "normal";
  const body = stanza.getChildText("body");
  if ((type === "chat" || type === "normal") && body) {
    xmpp.send(xml("message", { to: stanza.attrs.from, from: stanza.attrs.to, type }, xml("body", {}, body)));
  }
});
xmpp.on("error", (error) => console.error("xmpp.js:", error.message));
xmpp.on("online", () => console.log("READY"));
xmpp.start().catch((error) => {
  console.error("xmpp.js could not start:", error.message);
  process.exit(1);
});
