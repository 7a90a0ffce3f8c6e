# jail.py: the k8s bootcamp's chroot example in Python 3: change root to a safe directory,
# drop privilege, force secure files. Usage: python3 jail.py [JAIL_DIR]   (run as root)
import os
import sys

jail = sys.argv[1] if len(sys.argv) > 1 else "/tmp"

uid = os.getuid()
gid = os.getgid()
if uid == 0:  # root has no privilege to drop to: become nobody, as a daemon would
    uid = gid = 65534
os.chdir(jail)
os.chroot(jail)
os.setgroups([])
os.setgid(gid)
os.setuid(uid)
os.umask(0o077)
print("/ is now:", sorted(os.listdir("/")))

# What the jailed process can and cannot do
print("uid, gid:", os.getuid(), os.getgid())
with open("/tmp/secret", "w") as f:  # the jail's /tmp, not the host's
    f.write("only mine\n")
print("/tmp/secret mode:", oct(os.stat("/tmp/secret").st_mode & 0o777))
print("/etc/shadow exists here:", os.path.exists("/etc/shadow"))
try:
    os.chroot("/")  # an escape attempt needs root again
except PermissionError as e:
    print("chroot again:", e.strerror)
