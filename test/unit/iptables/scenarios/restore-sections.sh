# iptables-restore: each COMMIT is its own batch; where errors are reported
iptables -A INPUT -j LOG
@file /tmp/ipt-sim/q1
*filter
-A INPUT -j DROP
COMMIT
*nat
-A PREROUTING -p tcp --dport 1 -j DNAT --to-destination 1.1.1.999
COMMIT
@end
@file /tmp/ipt-sim/q2
*filter
-A INPUT -j ACCEPT
COMMIT
*nat
-A INPUT -j DNAT --to-destination 1.1.1.1
COMMIT
@end
@file /tmp/ipt-sim/q3
*filter
-A INPUT -j REJECT
COMMIT
*nat
-A NOPE -j ACCEPT
COMMIT
@end
@file /tmp/ipt-sim/q4
*filter
-A INPUT -s 9.9.9.9 -j ACCEPT
COMMIT
*nat
-A INPUT -j ACCEPT
@end
@file /tmp/ipt-sim/q5
*filter
-A INPUT -j Y
:Y - [0:0]
COMMIT
@end
@file /tmp/ipt-sim/q6
*filter
-A INPUT -p tcp --dport 1 -j ACCEPT -t nat
COMMIT
@end
@file /tmp/ipt-sim/q7
*filter
-A INPUT -s 1.2.3.4 foo
COMMIT
@end
@file /tmp/ipt-sim/q8
*filter
-A INPUT -j ACCEPT
*nat
COMMIT
@end
@file /tmp/ipt-sim/q9
*filter
COMMIT
*nat
COMMIT
@end
@file /tmp/ipt-sim/q10
*filter
:INPUT DROP
-A INPUT -m comment --comment "a \"quoted\" word" -j ACCEPT
-A INPUT -m comment --comment "" -j ACCEPT
-A INPUT -m tcp -p tcp --dport 22 -j ACCEPT
COMMIT
@end
@file /tmp/ipt-sim/q11
*mangle
-A PREROUTING -j MARK --set-mark 7
COMMIT
*filter
-A INPUT -j ACCEPT
COMMIT
@end
iptables-restore /tmp/ipt-sim/q1
iptables -S INPUT
iptables-restore /tmp/ipt-sim/q2
iptables -S INPUT
iptables-restore /tmp/ipt-sim/q3
iptables -S INPUT
iptables-restore /tmp/ipt-sim/q4
iptables -S INPUT
iptables -t nat -S INPUT
iptables-restore /tmp/ipt-sim/q5
iptables-restore /tmp/ipt-sim/q6
iptables-restore /tmp/ipt-sim/q7
iptables-restore /tmp/ipt-sim/q8
iptables-save
iptables-restore /tmp/ipt-sim/q10
iptables-save
iptables-restore -T mangle /tmp/ipt-sim/q11
iptables-save
iptables-restore -n -T filter /tmp/ipt-sim/q11
iptables-save
iptables-restore /tmp/ipt-sim/q9
iptables-save
iptables-restore -z
iptables-restore -h
iptables-restore -V
iptables-nft-restore -V
iptables-save -V
iptables-save -T
iptables-save -t
iptables-save --table=nat
iptables-save -c -t filter
