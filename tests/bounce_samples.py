"""Bounces as real mail servers write them, addressed to a return path mailrouter gave out."""


def postfix_dsn(return_path, recipient, status="5.1.1", action="failed", message_id="<dsn-1@mx.example.org>",
                diagnostic="550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table"):
    """A Postfix DSN (multipart/report; report-type=delivery-status, RFC 3464)."""
    diagnostic = diagnostic.format(rcpt=recipient)
    subject = "Undelivered Mail Returned to Sender" if action == "failed" else \
        "Delayed Mail (still being retried)"
    return (
        "Return-Path: <>\r\n"
        "Received: by mx.example.org (Postfix) id 4F1A2B3C4D; Mon,  2 Nov 2026 09:00:05 +0000 (UTC)\r\n"
        "Date: Mon,  2 Nov 2026 09:00:05 +0000 (UTC)\r\n"
        "From: MAILER-DAEMON@mx.example.org (Mail Delivery System)\r\n"
        f"Subject: {subject}\r\n"
        f"To: {return_path}\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/report; report-type=delivery-status;\r\n"
        '\tboundary="4F1A2B3C4D.1793696405/mx.example.org"\r\n'
        "Content-Transfer-Encoding: 7bit\r\n"
        f"Message-Id: {message_id}\r\n"
        "\r\n"
        "This is a MIME-encapsulated message.\r\n"
        "\r\n"
        "--4F1A2B3C4D.1793696405/mx.example.org\r\n"
        "Content-Description: Notification\r\n"
        "Content-Type: text/plain; charset=us-ascii\r\n"
        "\r\n"
        "This is the mail system at host mx.example.org.\r\n"
        "\r\n"
        "I'm sorry to have to inform you that your message could not\r\n"
        "be delivered to one or more recipients. It's attached below.\r\n"
        "\r\n"
        f"<{recipient}>: host mail.example.org[192.0.2.25] said: {diagnostic}\r\n"
        "    (in reply to RCPT TO command)\r\n"
        "\r\n"
        "--4F1A2B3C4D.1793696405/mx.example.org\r\n"
        "Content-Description: Delivery report\r\n"
        "Content-Type: message/delivery-status\r\n"
        "\r\n"
        "Reporting-MTA: dns; mx.example.org\r\n"
        "X-Postfix-Queue-ID: 4F1A2B3C4D\r\n"
        f"X-Postfix-Sender: rfc822; {return_path}\r\n"
        "Arrival-Date: Mon,  2 Nov 2026 09:00:01 +0000 (UTC)\r\n"
        "\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\n"
        f"Original-Recipient: rfc822;{recipient}\r\n"
        f"Action: {action}\r\n"
        f"Status: {status}\r\n"
        "Remote-MTA: dns; mail.example.org\r\n"
        f"Diagnostic-Code: smtp; {diagnostic}\r\n"
        "\r\n"
        "--4F1A2B3C4D.1793696405/mx.example.org\r\n"
        "Content-Description: Undelivered Message Headers\r\n"
        "Content-Type: text/rfc822-headers\r\n"
        "\r\n"
        f"Return-Path: <{return_path}>\r\n"
        "From: Example CoC Committee <conduct@example.org>\r\n"
        f"To: <{recipient}>\r\n"
        "Subject: [overland crossword] New report\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "\r\n"
        "--4F1A2B3C4D.1793696405/mx.example.org--\r\n").encode()


def exchange_plain(return_path, recipient, message_id="<ndr-1@exchange.example.org>"):
    """An Exchange non-delivery report as plain text (no DSN part)."""
    return (
        "From: Microsoft Outlook <postmaster@exchange.example.org>\r\n"
        f"To: <{return_path}>\r\n"
        "Subject: Undeliverable: [overland crossword] New report\r\n"
        "Date: Mon, 2 Nov 2026 09:00:07 +0000\r\n"
        f"Message-ID: {message_id}\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=us-ascii\r\n"
        "\r\n"
        "Delivery has failed to these recipients or groups:\r\n"
        "\r\n"
        f"{recipient}\r\n"
        "The email address you entered couldn't be found. Please check the recipient's email\r\n"
        "address and try to resend the message.\r\n"
        "\r\n"
        "Diagnostic information for administrators:\r\n"
        "\r\n"
        "Generating server: exchange.example.org\r\n"
        f"{recipient}\r\n"
        "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP "
        "address lookup'\r\n").encode()


def gmail_plain(return_path, recipient, message_id="<gm-1@mail.gmail.example>"):
    """Gmail's 'Address not found' bounce, as plain text."""
    return (
        "From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\r\n"
        f"To: {return_path}\r\n"
        "Subject: Delivery Status Notification (Failure)\r\n"
        "Date: Mon, 02 Nov 2026 09:00:09 +0000\r\n"
        f"Message-ID: {message_id}\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=UTF-8\r\n"
        "\r\n"
        "Address not found\r\n"
        "\r\n"
        f"Your message wasn't delivered to {recipient} because the address couldn't be found, or\r\n"
        "is unable to receive mail.\r\n"
        "\r\n"
        "The response from the remote server was:\r\n"
        "550 5.1.1 The email account that you tried to reach does not exist.\r\n").encode()


def vacation_reply(return_path, sender="Bo Chen <bo@example.org>"):
    """An out-of-office answer sent to the envelope sender (null), as RFC 3834 tells responders
    to; it echoes the subject, here one a reporter chose with a bounce's words in it."""
    return (
        f"From: {sender}\r\n"
        f"To: {return_path}\r\n"
        "Subject: Automatic reply: [overland crossword] New report: Undelivered mail at the sprint\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "Message-ID: <ooo-1@example.org>\r\n"
        "\r\n"
        "I am away until Monday.\r\n").encode()
