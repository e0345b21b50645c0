# The conformance script n01: chain, rule, target, match, option and table errors
iptables -L
iptables -A NOPE -j ACCEPT
iptables -N WEB
iptables -N WEB
iptables -N INPUT
iptables -A WEB -p tcp --dport 80 -j ACCEPT
iptables -A INPUT -j WEB
iptables -X WEB
iptables -D INPUT -j WEB
iptables -X WEB
iptables -F WEB
iptables -X WEB
iptables -X INPUT
iptables -P FORWARD DROP
iptables -X FORWARD
iptables -X NOPE
iptables -D INPUT -p tcp --dport 22 -j ACCEPT
iptables -D INPUT 99
iptables -A INPUT -j NOSUCHTARGET
iptables -A INPUT -m nosuch -j ACCEPT
iptables -A INPUT -s
iptables -A INPUT -s 10.0.0.300 -j ACCEPT
iptables -A INPUT --dport 22 -j ACCEPT
iptables -A INPUT -p tcp --dport 22 --bogus -j ACCEPT
iptables -N USER1
iptables -P USER1 DROP
iptables -P INPUT MAYBE
iptables -t nosuchtable -L
iptables -N USER2
iptables -E USER1 USER2
iptables -E NOPE USER3
iptables -C INPUT -p tcp --dport 22 -j ACCEPT
iptables -A INPUT -p tcp --dport 22 -j ACCEPT
iptables -C INPUT -p tcp --dport 22 -j ACCEPT
iptables -A INPUT -j DNAT --to-destination 10.0.0.1
iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.999
iptables -t nat -A PREROUTING -p tcp -j DNAT
iptables -L NOPE
iptables -F NOPE
iptables -L USER2
iptables -S
