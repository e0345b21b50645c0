# iptables error exit codes: chains, rules, targets, matches, options, tables
ip netns add fw
ip netns exec fw iptables -L
ip netns exec fw iptables -A NOPE -j ACCEPT
ip netns exec fw iptables -N WEB
ip netns exec fw iptables -N WEB
ip netns exec fw iptables -N INPUT
ip netns exec fw iptables -A WEB -p tcp --dport 80 -j ACCEPT
ip netns exec fw iptables -A INPUT -j WEB
ip netns exec fw iptables -X WEB
ip netns exec fw iptables -D INPUT -j WEB
ip netns exec fw iptables -X WEB
ip netns exec fw iptables -F WEB
ip netns exec fw iptables -X WEB
ip netns exec fw iptables -X INPUT
ip netns exec fw iptables -P FORWARD DROP
ip netns exec fw iptables -X FORWARD
ip netns exec fw iptables -X NOPE
ip netns exec fw iptables -D INPUT -p tcp --dport 22 -j ACCEPT
ip netns exec fw iptables -D INPUT 99
ip netns exec fw iptables -A INPUT -j NOSUCHTARGET
ip netns exec fw iptables -A INPUT -m nosuch -j ACCEPT
ip netns exec fw iptables -A INPUT -s
ip netns exec fw iptables -A INPUT -s 10.0.0.300 -j ACCEPT
ip netns exec fw iptables -A INPUT --dport 22 -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp --dport 22 --bogus -j ACCEPT
ip netns exec fw iptables -N USER1
ip netns exec fw iptables -P USER1 DROP
ip netns exec fw iptables -P INPUT MAYBE
ip netns exec fw iptables -t nosuchtable -L
ip netns exec fw iptables -N USER2
ip netns exec fw iptables -E USER1 USER2
ip netns exec fw iptables -E NOPE USER3
ip netns exec fw iptables -C INPUT -p tcp --dport 22 -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp --dport 22 -j ACCEPT
ip netns exec fw iptables -C INPUT -p tcp --dport 22 -j ACCEPT
ip netns exec fw iptables -A INPUT -j DNAT --to-destination 10.0.0.1
ip netns exec fw iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.999
ip netns exec fw iptables -t nat -A PREROUTING -p tcp -j DNAT
ip netns exec fw iptables -L NOPE
ip netns exec fw iptables -F NOPE
ip netns exec fw iptables -L USER2
ip netns exec fw iptables -S
