"""The slixmpp peer of Kindling's comparison: ComponentXMPP echoing messages and answering pings (XEP-0199).

Arguments: host port domain secret [workMicros, ignored]. Prints READY once the handshake is done.
"""
import sys

from slixmpp.componentxmpp import ComponentXMPP


class Echo(ComponentXMPP):
    def __init__(self, domain, secret, host, port):
        ComponentXMPP.__init__(self, domain, secret, host, port)
        self.register_plugin('xep_0199')
        self.add_event_handler('session_start', self.started)
        self.add_event_handler('message', self.message)

    def started(self, event):
        print('READY', flush=True)

    def message(self, msg):
        if msg['type'] in ('chat', 'normal') and msg['body']:
            msg.reply(msg['body']).send()


if __name__ == '__main__':
    host, port, domain, secret = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    echo = Echo(domain, secret, host, port)
    echo.connect()
    echo.loop.run_forever()
