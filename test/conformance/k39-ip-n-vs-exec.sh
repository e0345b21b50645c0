# ip -n NS vs ip netns exec NS ip: same results; link add with address/mtu; the dev keyword
ip netns add a
ip netns add b
ip netns exec a ip link add eth0 address 02:00:00:00:39:01 mtu 1400 type veth peer name eth0 netns b
ip -n b link set dev eth0 address 02:00:00:00:39:02
ip -n b link set dev eth0 mtu 1400
ip netns exec a ip addr add 10.39.0.1/24 dev eth0
ip -n b addr add 10.39.0.2/24 dev eth0
ip netns exec a ip link set dev eth0 up
ip -n b link set dev eth0 up
ip netns exec a ping -c 1 -W 1 -M do -s 1372 10.39.0.2
ip netns exec a ping -c 1 -W 1 -M do -s 1373 10.39.0.2
ip -n a link show dev eth0
ip netns exec a ip link show dev eth0
ip netns exec a ip -n b link show dev eth0
ip -n a netns exec b ip link show eth0
ip netns exec a ip netns list
ip -n a neigh show dev eth0
ip netns exec b ip neigh show dev eth0
ip netns exec a ip route get 10.39.0.2
ip -n a route get 10.39.0.2
ip -n a link set dev nodev0 up
ip netns exec a ip link set dev nodev0 up
ip -n a link set dev
ip netns exec a ip link set dev
ip -n a -n b link show eth0
ip -n
ip -n a
ip -n nosuchns link show
ip netns exec nosuchns ip link show
ip netns exec a ip -n nosuchns link show
ip netns exec a ip netns exec b ping -c 1 -W 1 10.39.0.1
ip -n a link set dev eth0 down
ip netns exec b ping -c 1 -W 1 10.39.0.1
ip netns exec a ip link set dev eth0 up
# linkwatch may hold the just-raised device (noop qdisc) for up to a second after a recent down
sleep 1
ip netns exec b ping -c 1 -W 1 10.39.0.1
