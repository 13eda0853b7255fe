"""The slixmpp peer of Kindling's MUC bot benchmark: a ComponentXMPP with xep_0045 that joins the rooms given as
bot@<domain>/bot and answers "!echo <text>" with the text, as the Kindling bot of the same benchmark does.

Arguments: host port domain secret rooms (comma-separated). Prints READY once the handshake is done.
"""
import signal
import sys

from slixmpp.componentxmpp import ComponentXMPP


class MucBot(ComponentXMPP):
    def __init__(self, domain, secret, host, port, rooms):
        ComponentXMPP.__init__(self, domain, secret, host, port)
        self.me = 'bot@' + domain + '/bot'
        self.rooms = rooms
        self.register_plugin('xep_0045')
        self.add_event_handler('session_start', self.started)
        self.add_event_handler('groupchat_message', self.groupchat)

    def started(self, event):
        for room in self.rooms:
            self.plugin['xep_0045'].join_muc(room, 'bot', pfrom=self.me, maxhistory='0')
        print('READY', flush=True)

    def groupchat(self, msg):
        body = msg['body']
        if msg['mucnick'] != 'bot' and body.startswith('!echo '):
            self.send_message(mto=msg['from'].bare, mbody=body[6:], mtype='groupchat', mfrom=self.me)

    def leave(self, *args):
        for room in self.rooms:
            self.send_presence(pto=room + '/bot', ptype='unavailable', pfrom=self.me)
        self.disconnect()


if __name__ == '__main__':
    host, port, domain, secret = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    bot = MucBot(domain, secret, host, port, [room for room in sys.argv[5].split(',') if room])
    signal.signal(signal.SIGTERM, lambda *a: (bot.leave(), bot.loop.call_later(0.5, bot.loop.stop)))
    bot.connect()
    bot.loop.run_forever()
