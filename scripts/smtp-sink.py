#!/usr/bin/env python3
"""A test SMTP server for the scale-out drill: accepts every message after a delay (a slow server) and appends one
JSON line per message (Message-Id, recipients, time) to a file. Loopback only; never for real mail."""
import json, sys, time, warnings
warnings.filterwarnings("ignore", category=DeprecationWarning)
import asyncore, smtpd  # noqa: E402  (Python 3.11's standard library; removed in 3.12)
from email.parser import BytesParser  # noqa: E402

port, output, delay = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 0.0

class Sink(smtpd.SMTPServer):
    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        time.sleep(delay)
        message = BytesParser().parsebytes(data if isinstance(data, bytes) else data.encode())
        with open(output, "a", encoding="utf-8") as f:
            f.write(json.dumps({"messageId": message.get("Message-Id"), "to": rcpttos, "at": time.time()}) + "\n")
        return None

Sink(("127.0.0.1", port), None, decode_data=False)
asyncore.loop()
