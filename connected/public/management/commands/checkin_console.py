"""Try the check-in conversation in a terminal: the same service the SMS and JSON channels use."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from connected.public.conversations import conversation_reply


class Command(BaseCommand):
    help = "Have the check-in conversation in this terminal (type STOP or press Ctrl-D to end)."

    def handle(self, *args, **options) -> None:
        key = None
        self.stdout.write("Type a message (for example, hello). STOP or Ctrl-D ends.\n")
        while True:
            try:
                text = input("you> ")
            except EOFError:
                break
            if not text.strip():
                continue
            reply = conversation_reply(key=key, text=text)
            self.stdout.write(f"\n{reply.text}\n\n")
            key = reply.key
            if reply.ended:
                break
