# Counter columns: K/M/G suffixes, -x, policy counters, -Z
@file /tmp/ipt-sim/counters
*filter
:INPUT DROP [123456789:98765432100]
:FORWARD ACCEPT [99999:100000]
:OUTPUT ACCEPT [0:0]
:C - [0:0]
[1:2] -A INPUT -j C
[99999:99999] -A INPUT -s 1.1.1.1
[100000:100499] -A INPUT -s 1.1.1.2
[9999499:9999500] -A INPUT -s 1.1.1.3
[9999999999:99999999999] -A INPUT -s 1.1.1.4
[99999999999999:9007199254740991] -A INPUT -s 1.1.1.5
[12:1008] -A C -j RETURN
COMMIT
@end
iptables-restore -c /tmp/ipt-sim/counters
iptables -L -v
iptables -L -v -x
iptables -L -v -n --line-numbers
iptables -L -v -x --line-numbers
iptables -L INPUT 3 -v
iptables-save -c
iptables -S -v
iptables -S INPUT 2 -v
iptables -Z INPUT 2
iptables -L INPUT -v -n
iptables -Z C
iptables -L C -v -n
iptables -L -v -Z
iptables -L -v
iptables -A INPUT -c 5 10 -j ACCEPT
iptables -I INPUT -c 7,20 -j ACCEPT
iptables -L INPUT -v -x
iptables -A INPUT -c 5 -j ACCEPT
iptables -A INPUT -c x y -j ACCEPT
