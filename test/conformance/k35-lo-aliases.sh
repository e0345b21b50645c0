# Loopback aliases: a /8 on lo makes the whole prefix local, labels, reaching lo addresses from outside
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.135.0.1/24 dev eth0
ip -n b addr add 10.135.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a addr add 10.0.0.1/8 dev lo
ip netns exec a ping -c 1 -W 1 10.200.3.4
ip -n a link set lo up
ip netns exec a ping -c 1 -W 1 10.200.3.4
ip -n a route get 10.200.3.4
ip -n a route get 10.135.0.2
ip netns exec a ping -c 1 -W 1 10.135.0.2
ip -n b route add 10.0.0.0/8 via 10.135.0.1
ip netns exec b ping -c 1 -W 1 10.77.7.7
ip netns exec b nc -z -w 1 10.77.7.7 22
ip -n a addr add 127.0.0.2/8 dev lo label lo:1
ip -n a addr add 192.168.77.1/32 dev lo label lo:2
ip -n a addr add 192.168.78.1/32 dev lo label foo
ip -n a addr add 192.168.78.1/32 dev lo label lo:averyveryverylongname
ip -n a addr show label lo:1
ip -n a addr show dev lo
ip netns exec a ping -c 1 -W 1 192.168.77.1
ip -n b route add 192.168.77.1/32 via 10.135.0.1
ip netns exec b ping -c 1 -W 1 192.168.77.1
ip -n a addr del 10.0.0.1/8 dev lo
ip netns exec a ping -c 1 -W 1 10.200.3.4
ip netns exec b ping -c 1 -W 1 10.77.7.7
ip -n a addr flush dev lo label lo:2
ip netns exec a ping -c 1 -W 1 192.168.77.1
ip netns exec a ping -c 1 -W 1 127.0.0.1
ip -n a addr add 10.135.0.1/24 dev lo
ip -n a addr add 10.136.0.1/24 dev lo
ip netns exec a ping -c 1 -W 1 10.136.0.200
ip -n b route add 10.136.0.0/24 via 10.135.0.1
ip netns exec b ping -c 1 -W 1 10.136.0.200
