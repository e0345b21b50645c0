# iptables-restore: flush, --noflush, --test, counters, and failures leave everything unchanged
iptables -A OUTPUT -j ACCEPT
iptables -N OLD
@file /tmp/ipt-sim/good
# comment
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [5:100]
:OUTPUT ACCEPT [0:0]
:MYCHAIN - [0:0]
[3:180] -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT
-A INPUT -j MYCHAIN
-A MYCHAIN -s 10.0.0.0/8 -j DROP
-A MYCHAIN -m comment --comment "quoted words" -j RETURN
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
-A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 1.2.3.4:8080
COMMIT
@end
iptables-restore /tmp/ipt-sim/good
iptables-save
iptables -L -v
iptables-restore -c /tmp/ipt-sim/good
iptables -L -v
iptables-save -c
iptables-restore --counters /tmp/ipt-sim/good
iptables -t nat -S
iptables-restore -n /tmp/ipt-sim/good
iptables-save
iptables-restore --noflush /tmp/ipt-sim/good
iptables -t nat -S
@file /tmp/ipt-sim/bad-port
*filter
:INPUT ACCEPT [0:0]
-A INPUT -j DROP
-A INPUT -p tcp --dport 99999 -j ACCEPT
COMMIT
@end
iptables-restore /tmp/ipt-sim/bad-port
iptables-restore -t /tmp/ipt-sim/bad-port
@file /tmp/ipt-sim/bad-chain
*filter
-A INPUT -j DROP
-A NOPE -j ACCEPT
COMMIT
@end
iptables-restore /tmp/ipt-sim/bad-chain
iptables-restore -t /tmp/ipt-sim/bad-chain
@file /tmp/ipt-sim/no-commit
*filter
-A INPUT -j DROP
@end
iptables-restore /tmp/ipt-sim/no-commit
@file /tmp/ipt-sim/bad-table
*nosuch
COMMIT
@end
iptables-restore /tmp/ipt-sim/bad-table
@file /tmp/ipt-sim/no-table
-A INPUT -j ACCEPT
@end
iptables-restore /tmp/ipt-sim/no-table
@file /tmp/ipt-sim/bad-policy
*filter
:INPUT FOO [0:0]
COMMIT
@end
iptables-restore /tmp/ipt-sim/bad-policy
@file /tmp/ipt-sim/policy-user
*filter
:MY DROP [0:0]
COMMIT
@end
iptables-restore /tmp/ipt-sim/policy-user
@file /tmp/ipt-sim/bad-target
*filter
-A INPUT -j DROP
COMMIT
*nat
-A INPUT -j DNAT --to-destination 1.1.1.1
COMMIT
@end
iptables-restore /tmp/ipt-sim/bad-target
@file /tmp/ipt-sim/second-table-bad
*filter
-A INPUT -j DROP
COMMIT
*nat
-A PREROUTING -p tcp --dport 1 -j DNAT --to-destination 1.1.1.999
COMMIT
@end
iptables-restore /tmp/ipt-sim/second-table-bad
@file /tmp/ipt-sim/bad-counters
*filter
[3:x] -A INPUT -j DROP
COMMIT
@end
iptables-restore -c /tmp/ipt-sim/bad-counters
@file /tmp/ipt-sim/chain-twice
*filter
:X - [0:0]
:X - [0:0]
COMMIT
@end
iptables-restore /tmp/ipt-sim/chain-twice
@file /tmp/ipt-sim/ops
*filter
:INPUT ACCEPT [0:0]
:NEW - [0:0]
-A INPUT -s 1.1.1.1 -j ACCEPT
-A INPUT -s 2.2.2.2 -j ACCEPT
-I INPUT -s 3.3.3.3 -j ACCEPT
-D INPUT -s 1.1.1.1 -j ACCEPT
-N OTHER
-A OTHER -j RETURN
-P OUTPUT DROP
COMMIT
@end
iptables-restore /tmp/ipt-sim/ops
iptables-save
@file /tmp/ipt-sim/empty
@end
iptables-restore /tmp/ipt-sim/empty
iptables-save
iptables-restore /tmp/ipt-sim/nonexistent
iptables-restore --bogus
iptables-restore /tmp/ipt-sim/good /tmp/ipt-sim/empty
iptables-save --bogus
iptables-save -t nosuch
iptables-save -t raw
iptables-save -t mangle
iptables-save extra
iptables-nft-restore /tmp/ipt-sim/good
iptables-nft-save -t filter
iptables-restore -t /tmp/ipt-sim/good
