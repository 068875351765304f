"""The one exception family of mailrouter, and the typed signals stages raise."""


class MailrouterError(Exception):
    """Base class of every error mailrouter raises on purpose."""


class ConfigError(MailrouterError):
    """A configuration file is invalid; the message names file, line and key."""

    def __init__(self, file, line, key, problem):
        self.file, self.line, self.key, self.problem = file, line, key, problem
        where = f"{file}:{line}" if line else str(file)
        super().__init__(f"{where}: {key}: {problem}" if key else f"{where}: {problem}")


class ConfigErrors(ConfigError):
    """Several configuration problems found in one reading; `errors` lists each ConfigError."""

    def __init__(self, errors):
        self.errors = list(errors)
        first = self.errors[0]
        self.file, self.line, self.key, self.problem = first.file, first.line, first.key, first.problem
        MailrouterError.__init__(self, "\n".join(str(error) for error in self.errors))


class Stop(MailrouterError):
    """A stage decided there is nothing more to do with this message (not an error).

    The runner records what the stop carries: `event` goes into the case log together with
    the message's "processed" mark, and `notice(item, ctx)` (a short mail to someone who
    must hear about the stop) is sent after that.
    """

    def __init__(self, reason, event=None, notice=None):
        self.reason = reason
        self.event = event
        self.notice = notice
        super().__init__(reason)


class SpoolError(MailrouterError):
    """A spool or queue entry is missing, truncated or does not match its checksum."""


class DeliveryError(MailrouterError):
    """An outgoing message could not be handed to the relay."""

    permanent = False

    def __init__(self, message, code=None):
        self.code = code
        super().__init__(message)


class TemporaryDeliveryError(DeliveryError):
    """4xx or connection trouble: try again later."""


class PermanentDeliveryError(DeliveryError):
    """5xx: retrying will not help."""

    permanent = True
