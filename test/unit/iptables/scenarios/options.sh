# Option spellings: long names, unique prefixes, bundled short options, -w, -v with commands
iptables -nvL INPUT
iptables -Ln
iptables -vL --line
iptables -L --line-numbers -x -v
iptables --list --numeric
iptables --list-rules
iptables -vnxL
iptables -A INPUT --sou 1.1.1.1 --dest 2.2.2.2 --proto tcp --destination-port 80 --jump ACCEPT
iptables -A INPUT --in eth0
iptables -A INPUT --i eth0
iptables -A INPUT --in-interface eth0 --source 3.3.3.3
iptables -A INPUT --in-int eth1 --out eth2
iptables -A INPUT -p tcp --d 80
iptables -A INPUT -p tcp --dp 80
iptables -A INPUT -p tcp --sp 1 --dest 4.4.4.4
iptables -A INPUT --protocol udp --source-port 53
iptables -A INPUT -p tcp -m multiport --dport 1,2
iptables -A INPUT -p tcp -m multiport --port 1,2
iptables -A INPUT -m conntrack --ctstat NEW
iptables -A INPUT -m comment --comm x
iptables --table nat --append POSTROUTING --out-interface eth0 --jump MASQUERADE
iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE --to 1000
iptables -t nat -A PREROUTING -p tcp -j DNAT --to 1.1.1.1
iptables --insert INPUT 1 --jump DROP --goto X
iptables -A INPUT -j ACCEPT -t filter
iptables -I INPUT -t nat -j ACCEPT
iptables -t nat -t filter -S INPUT
iptables -v -A INPUT -s 9.9.9.9 -p tcp --dport 22 -j ACCEPT
iptables -v -N V
iptables -v -X V
iptables -v -F OUTPUT
iptables -v -D INPUT -s 9.9.9.9 -p tcp --dport 22 -j ACCEPT
iptables -v -I INPUT -s 1.1.1.1,2.2.2.2 -j DROP
iptables -v -P FORWARD DROP
iptables -v -Z
iptables -v -E NOPE X
iptables -S
iptables -t nat -S
iptables -W 100 -S INPUT
iptables -w -W 100 -S INPUT
iptables -w 1 -W 1000000 -S INPUT
iptables -w -W x -S INPUT
iptables -w5 -S INPUT
iptables --wait=3 -S INPUT
iptables -M /bin/true -S INPUT
iptables -4 -S INPUT
iptables -6 -S INPUT
iptables --ipv6 -S INPUT
iptables -S INPUT --line-numbers
iptables -L INPUT --line-numbers -n -v -x
iptables --list=INPUT -n
iptables --list-rules=INPUT
iptables --zero=INPUT --verbose
iptables --flush=FORWARD
iptables --delete-chain=NOPE
iptables --new-chain=NEW --verbose
iptables --rename-chain NEW NEWER
iptables --policy FORWARD ACCEPT
iptables --check INPUT --jump ACCEPT
iptables --insert INPUT 2 --jump DROP
iptables --replace INPUT 2 --jump RETURN
iptables --delete INPUT 2
iptables --append INPUT --fragments --jump DROP
iptables --append INPUT --goto NEWER
iptables --append INPUT --src 1.2.3.4 --dst 5.6.7.8 --protocol udp --match udp --sport 1 --set-counters 3 4 --jump ACCEPT
iptables -S INPUT -v
iptables -L INPUT -n --exact --verbose --numeric
iptables -nL
iptables -Lnv
iptables -S -t
iptables -L -t nat -n
iptables --table=nat -L POSTROUTING -n
iptables -L -- foo
iptables -S INPUT --
iptables -- -L
