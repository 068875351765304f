"""systemd/mailrouter.service's sandbox, rebuilt by hand for the tests.

Where the tests run, systemd is not PID 1 (a container), so `systemd-run -p ...` cannot
start the daemon under the unit's options. This builds the same walls with the kernel
features systemd itself uses, as far as they can be had without it:

  ProtectSystem=strict        every mount read-only (remount,bind,ro)
  StateDirectory=             only the state folders stay writable (a bind mount each)
  ConfigurationDirectory=     $CONFIGURATION_DIRECTORY, read-only
  LoadCredential=             $CREDENTIALS_DIRECTORY, owned by the service user, 0400
  ProtectHome=, PrivateTmp=   empty tmpfs on /root and /home; a fresh /tmp
  PrivateDevices=             a /dev with null, zero, full, random, urandom and shm only
  ProtectProc=invisible, ProcSubset=pid   a /proc mounted with hidepid=invisible,subset=pid
  User=, CapabilityBoundingSet=, AmbientCapabilities=, NoNewPrivileges=   setpriv
  SystemCallFilter=@system-service ~@privileged @resources, SystemCallErrorNumber=EPERM,
  RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX, SystemCallArchitectures=native
                              a seccomp filter (libseccomp), from systemd-analyze's own lists
  MemoryDenyWriteExecute=     prctl(PR_SET_MDWE), as systemd >= 254 does

Not rebuilt: IPAddressAllow/Deny (cgroup BPF), PrivateUsers, PrivateIPC, RestrictNamespaces,
ProtectKernel*/ProtectClock/ProtectHostname (they need a service manager or only remove
rights an unprivileged user has not got anyway), the watchdog and reload paths of systemd.

`python sandbox.py [--probe] -- COMMAND...` applies the seccomp filter and MDWE, then execs
COMMAND (--probe: checks first that the walls stand, and prints what it found).
"""

import ctypes
import errno
import mmap
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN = 65, 1
SCMP_ACT_ALLOW = 0x7FFF0000
SCMP_CMP_EQ = 4
ALLOWED_FAMILIES = (socket.AF_UNIX, socket.AF_INET, socket.AF_INET6)
NOBODY = 65534


def scmp_errno(number):
    return 0x00050000 | (number & 0xFFFF)


class ArgCmp(ctypes.Structure):
    _fields_ = [("arg", ctypes.c_uint), ("op", ctypes.c_int),
                ("datum_a", ctypes.c_uint64), ("datum_b", ctypes.c_uint64)]


def syscall_groups(analyze="systemd-analyze"):
    """{'@group': [names and @subgroups]} as `systemd-analyze syscall-filter` lists them."""
    groups, current = {}, None
    for line in subprocess.run([analyze, "syscall-filter"], capture_output=True, text=True,
                               check=True).stdout.splitlines():
        if line.startswith("@"):
            current = groups.setdefault(line.strip(), [])
        elif current is not None and line.strip() and not line.strip().startswith("#"):
            current.append(line.strip())
    return groups


def expand(name, groups):
    if not name.startswith("@"):
        return {name}
    return set().union(*(expand(item, groups) for item in groups[name]))


def allowed_syscalls(groups):
    """SystemCallFilter=@system-service then SystemCallFilter=~@privileged @resources."""
    return expand("@system-service", groups) - expand("@privileged", groups) - expand("@resources", groups)


def install_filter(names):
    lib = ctypes.CDLL("libseccomp.so.2", use_errno=True)
    lib.seccomp_init.restype = ctypes.c_void_p
    lib.seccomp_init.argtypes = [ctypes.c_uint32]
    lib.seccomp_syscall_resolve_name.argtypes = [ctypes.c_char_p]
    lib.seccomp_rule_add_array.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_int,
                                           ctypes.c_uint, ctypes.POINTER(ArgCmp)]
    lib.seccomp_load.argtypes = [ctypes.c_void_p]
    ctx = lib.seccomp_init(scmp_errno(errno.EPERM))
    socket_nr = lib.seccomp_syscall_resolve_name(b"socket")
    for name in sorted(names):
        number = lib.seccomp_syscall_resolve_name(name.encode())
        if number < 0 or number == socket_nr:        # not on this architecture / below
            continue
        if lib.seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, number, 0, None) != 0:
            raise OSError(f"seccomp rule for {name} refused")
    for family in ALLOWED_FAMILIES:                   # RestrictAddressFamilies=
        compare = ArgCmp(0, SCMP_CMP_EQ, family, 0)
        lib.seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, socket_nr, 1, ctypes.byref(compare))
    if lib.seccomp_load(ctx) != 0:
        raise OSError("seccomp_load failed")


def deny_write_execute():
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "PR_SET_MDWE")


def probe():
    """What a sandboxed process finds; each line 'name: ok' when the wall holds."""
    found = {}
    try:
        socket.socket(socket.AF_NETLINK, socket.SOCK_RAW)
        found["address families"] = "open: AF_NETLINK allowed"
    except OSError as error:
        found["address families"] = "ok" if error.errno == errno.EPERM else str(error)
    try:
        os.setpriority(os.PRIO_PROCESS, 0, 5)         # @resources
        found["system calls"] = "open: setpriority allowed"
    except OSError as error:
        found["system calls"] = "ok" if error.errno == errno.EPERM else str(error)
    try:
        mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
        found["write+execute memory"] = "open: W+X mapping allowed"
    except OSError:
        found["write+execute memory"] = "ok"
    found["capabilities"] = "ok" if _status("CapEff") == 0 and _status("CapBnd") == 0 else "open"
    found["user"] = "ok" if os.getuid() == NOBODY else f"open: uid {os.getuid()}"
    found["/proc"] = "ok" if not Path("/proc/1").exists() and not Path("/proc/sys").exists() else "open"
    return found


def _status(field):
    text = Path("/proc/self/status").read_text()
    return int(re.search(rf"^{field}:\s*([0-9a-f]+)", text, re.M).group(1), 16)


def shell_script(run, code, python_root, notify_dir, state_dirs, argv):
    """The root half, for `unshare --mount --propagation private sh -c SCRIPT`: mounts, then
    setpriv to the service user, then this file's seccomp half, then `argv` (exec'd, so the
    daemon keeps the PID that was started)."""
    binds = {"/opt/mailrouter": python_root, "/opt/code": code, "/opt/run": run,
             "/opt/notify": notify_dir}
    lines = ["set -eu", "mount -t tmpfs -o mode=0755 sandbox-opt /opt"]
    for target, source in binds.items():
        lines += [f"mkdir -p {target}", f"mount --bind {source} {target}"]
    devices = ("null", "zero", "full", "random", "urandom")
    lines += ["mkdir -p /opt/dev"] + [f"touch /opt/dev/{d}; mount --bind /dev/{d} /opt/dev/{d}" for d in devices]
    lines += ["mount -t tmpfs -o mode=1777 private-tmp /tmp",
              "mount -t tmpfs -o mode=0755 protect-home /root",
              "mount -t tmpfs -o mode=0755 protect-home /home",
              "mount -t tmpfs -o mode=0755 private-dev /dev",
              "mkdir -m 1777 /dev/shm; mount -t tmpfs -o mode=1777 private-shm /dev/shm",
              "ln -s /proc/self/fd /dev/fd"]
    lines += [f"touch /dev/{d}; mount --bind /opt/dev/{d} /dev/{d}" for d in devices]
    lines += ["mount -t proc -o hidepid=invisible,subset=pid private-proc /proc"]
    lines += [f"mount --bind {d} {d}" for d in state_dirs]
    read_only = ["/", "/opt", *binds, "/root", "/home"] + [f"/dev/{d}" for d in devices]
    lines += [f"mount -o remount,bind,ro {m}" for m in read_only]
    user = (f"setpriv --reuid={NOBODY} --regid={NOBODY} --clear-groups --no-new-privs "
            "--bounding-set=-all --inh-caps=-all")
    python = "/opt/mailrouter/bin/python3"
    walls = f"{python} /opt/code/tests/sandbox.py"
    pre = " ".join(argv[:-1] + ["check-config"])                  # ExecStartPre=
    lines += [f"{user} {walls} --probe -- {pre} >&2", f"exec {user} {walls} -- {' '.join(argv)}"]
    return "\n".join(lines)


def main(argv):
    split = argv.index("--")
    groups = syscall_groups()
    deny_write_execute()
    install_filter(allowed_syscalls(groups))
    if "--probe" in argv[:split]:
        for name, result in probe().items():
            print(f"sandbox {name}: {result}", file=sys.stderr)
    command = argv[split + 1:]
    os.execv(command[0], command)


if __name__ == "__main__":
    main(sys.argv[1:])
