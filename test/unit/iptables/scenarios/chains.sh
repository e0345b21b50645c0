# User chains: -N, -X, -E, -F, -P, references, loops, built-in chains
iptables -N A
iptables -N B
iptables -N C
iptables -N A
iptables -N INPUT
iptables -S
iptables -L -n
iptables -A INPUT -j A
iptables -A A -j B
iptables -A B -j C
iptables -A C -j A
iptables -A C -j B
iptables -A C -g A
iptables -A B -j B
iptables -I C -j A
iptables -R C 1 -j A
iptables -A A -j C
iptables -A C -j INPUT
iptables -A A -g C
iptables -L -n
iptables -X A
iptables -X C
iptables -X
iptables -E C D
iptables -E D A
iptables -E D INPUT
iptables -E NOPE E
iptables -E D D
iptables -S
iptables -L -n
iptables -F B
iptables -X D
iptables -X B
iptables -L A
iptables -D A 1
iptables -X B
iptables -S
iptables -P INPUT DROP
iptables -P FORWARD REJECT
iptables -P OUTPUT RETURN
iptables -P OUTPUT accept
iptables -P A DROP
iptables -P NOPE DROP
iptables -P INPUT ACCEPT extra
iptables -X INPUT
iptables -P INPUT ACCEPT
iptables -A OUTPUT -j ACCEPT
iptables -X OUTPUT
iptables -D OUTPUT 1
iptables -X OUTPUT
iptables -S
iptables -P FORWARD DROP
iptables -X FORWARD
iptables -N E
iptables -A E -j ACCEPT
iptables -X
iptables -F E
iptables -A INPUT -j E
iptables -X
iptables -F INPUT
iptables -X
iptables -S
iptables-save
iptables -t nat -N N1
iptables -t nat -E N1 N2
iptables -t nat -S
iptables -t mangle -N M
iptables -t mangle -X M
iptables -t mangle -S
iptables -t raw -N R
iptables -t raw -L
iptables-save
iptables -N zz
iptables -N Y
iptables -N a
iptables -N Z
iptables -N _x
iptables -N 9
iptables -S
iptables -A Y -j ACCEPT
iptables -A a -j ACCEPT
iptables -X
iptables -S
iptables -E Z AA
iptables -S
iptables -L -n
iptables -t mangle -N REF
iptables -t mangle -N BUSY
iptables -t mangle -A BUSY -j ACCEPT
iptables -t mangle -A PREROUTING -j REF
iptables -t mangle -X
iptables -t mangle -D PREROUTING 1
iptables -t mangle -X
iptables -t mangle -F BUSY
iptables -t mangle -X
iptables -t mangle -S
iptables -t nat -N N3
iptables -t nat -A N3 -j RETURN
iptables -t nat -A PREROUTING -j N2
iptables -t nat -A OUTPUT -g N2
iptables -t nat -E N2 NEWNAME
iptables -t nat -L -n
iptables -t nat -R PREROUTING 1 -c 9 99 -j NEWNAME
iptables -t nat -I OUTPUT 1 -c 1 2 -j N3
iptables -t nat -L -v -n -x
iptables -t nat -S -v
