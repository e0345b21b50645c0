# A namespace no iptables command has touched yet: what exists and what errors
iptables-save
iptables -L -n
iptables -S
iptables -t nat -S
iptables -t mangle -L
iptables -t raw -S
iptables-save
iptables -D INPUT 1
iptables -D INPUT -j ACCEPT
iptables -Z INPUT
iptables -Z INPUT 1
iptables -X INPUT
iptables -E INPUT X
iptables -R INPUT 1 -j ACCEPT
iptables -I INPUT 2 -j ACCEPT
iptables -C INPUT -j ACCEPT
iptables -F
iptables -X
iptables -Z
iptables -L FOO
iptables -S FOO
iptables -L INPUT
iptables -S INPUT
iptables -E FOO BAR
iptables -X FOO
iptables-save
iptables -t nat -F POSTROUTING
iptables-save
iptables -t mangle -P INPUT ACCEPT
iptables-save
iptables -t raw -N X
iptables-save
iptables -A INPUT -j ACCEPT
iptables-save
iptables -F
iptables -X
iptables-save
