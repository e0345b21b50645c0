# Loopback: lo down/up, own address with lo down, 127.0.0.1 and 127.0.0.2, lo addresses
ip netns add a
ip netns add b
ip -n a link add eth0 type veth peer name eth0 netns b
ip -n a addr add 10.100.0.1/24 dev eth0
ip -n b addr add 10.100.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec a ping -c 1 -W 1 127.0.0.1
ip netns exec a ping -c 1 -W 1 10.100.0.1
ip netns exec b ping -c 1 -W 1 10.100.0.1
ip netns exec a nc -z -w 1 127.0.0.1 22
ip -n a link set lo up
ip netns exec a ping -c 1 -W 1 127.0.0.1
ip netns exec a ping -c 1 -W 1 127.0.0.2
ip netns exec a ping -c 1 -W 1 127.255.255.254
ip netns exec a ping -c 1 -W 1 10.100.0.1
ip netns exec a ping -c 1 -W 1 -I lo 127.0.0.1
ip -n a link set lo down
ip netns exec a ping -c 1 -W 1 127.0.0.1
ip netns exec a ping -c 1 -W 1 10.100.0.1
ip -n a link set lo up
ip netns exec a ping -c 1 -W 1 127.0.0.1
ip -n a addr add 10.101.0.1/32 dev lo
ip netns exec a ping -c 1 -W 1 10.101.0.1
ip -n b route add 10.101.0.1/32 via 10.100.0.1
ip netns exec b ping -c 1 -W 1 10.101.0.1
ip -n a addr add 127.0.0.1/8 dev lo
ip -n a addr del 127.0.0.1/8 dev lo
ip netns exec a ping -c 1 -W 1 127.0.0.1
ip -n a link set lo down
ip -n a link set lo up
ip netns exec a ping -c 1 -W 1 127.0.0.1
