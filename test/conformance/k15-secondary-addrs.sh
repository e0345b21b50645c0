# Secondary addresses: deleting a primary removes its secondaries unless promote_secondaries=1
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n b addr add 10.150.0.2/24 dev eth0
ip -n a addr add 10.150.0.1/24 dev eth0
ip -n a addr add 10.150.0.11/24 dev eth0
ip -n a addr add 10.150.0.12/24 dev eth0
ip -n a addr add 10.150.0.13/24 dev eth0 label eth0:1
ip -n a addr show dev eth0
ip netns exec b ping -c 1 -W 1 10.150.0.11
ip netns exec b ping -c 1 -W 1 10.150.0.13
ip -n a addr del 10.150.0.1/24 dev eth0
ip -n a addr show dev eth0
ip -n b neigh flush all
ip netns exec b ping -c 1 -W 1 10.150.0.11
ip netns exec b ping -c 1 -W 1 10.150.0.12
ip netns exec a ping -c 1 -W 1 10.150.0.2
ip netns exec a sysctl -w net.ipv4.conf.eth0.promote_secondaries=1
ip -n a addr add 10.150.0.1/24 dev eth0
ip -n a addr add 10.150.0.11/24 dev eth0
ip -n a addr add 10.150.0.12/24 dev eth0
ip -n a addr del 10.150.0.1/24 dev eth0
ip -n b neigh flush all
ip netns exec b ping -c 1 -W 1 10.150.0.11
ip netns exec b ping -c 1 -W 1 10.150.0.12
ip netns exec a ping -c 1 -W 1 10.150.0.2
ip -n a addr del 10.150.0.12/24 dev eth0
ip -n b neigh flush all
ip netns exec b ping -c 1 -W 1 10.150.0.11
ip netns exec b ping -c 1 -W 1 10.150.0.12
ip -n a addr del 10.150.0.11/24 dev eth0
ip netns exec a ping -c 1 -W 1 10.150.0.2
ip -n a addr add 10.150.0.1/24 dev eth0
ip -n a addr add 10.151.0.1/24 dev eth0
ip -n a addr flush dev eth0
ip netns exec a ping -c 1 -W 1 10.150.0.2
ip -n a addr flush dev nodev0
