# Bridge versus overlay: the same ping inside one host (a Linux bridge) and across two hosts (VXLAN over an underlay).

# Two "hosts" as namespaces, joined by an underlay link 10.100.0.0/24.
ip netns add host1
ip netns add host2
ip -n host1 link add eth0 type veth peer name eth0 netns host2
ip -n host1 addr add 10.100.0.1/24 dev eth0
ip -n host2 addr add 10.100.0.2/24 dev eth0
ip -n host1 link set eth0 up
ip -n host2 link set eth0 up

# On each host a bridge with a VXLAN port (VNI 42, UDP 4789): frames for the other host are wrapped in UDP.
ip -n host1 link add br0 type bridge
ip -n host2 link add br0 type bridge
ip -n host1 link add vxlan42 type vxlan id 42 dstport 4789 local 10.100.0.1 dev eth0
ip -n host2 link add vxlan42 type vxlan id 42 dstport 4789 local 10.100.0.2 dev eth0
ip -n host1 link set vxlan42 master br0
ip -n host2 link set vxlan42 master br0
bridge -n host1 fdb append 00:00:00:00:00:00 dev vxlan42 dst 10.100.0.2
bridge -n host2 fdb append 00:00:00:00:00:00 dev vxlan42 dst 10.100.0.1
ip -n host1 link set vxlan42 up
ip -n host2 link set vxlan42 up
ip -n host1 link set br0 up
ip -n host2 link set br0 up

# Three "containers": a and b on host1, c on host2, all in 10.0.0.0/24.
ip netns add a
ip netns add b
ip netns add c
ip -n host1 link add veth-a type veth peer name eth0 netns a
ip -n host1 link add veth-b type veth peer name eth0 netns b
ip -n host2 link add veth-c type veth peer name eth0 netns c
ip -n host1 link set veth-a master br0
ip -n host1 link set veth-b master br0
ip -n host2 link set veth-c master br0
ip -n host1 link set veth-a up
ip -n host1 link set veth-b up
ip -n host2 link set veth-c up
ip -n a addr add 10.0.0.1/24 dev eth0
ip -n b addr add 10.0.0.2/24 dev eth0
ip -n c addr add 10.0.0.3/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n c link set eth0 up

# Same host: a reaches b through br0 alone.
ip netns exec a ping -c 1 -W 1 10.0.0.2

# Other host: the frame enters vxlan42, is wrapped (outer IP 10.100.0.1 > 10.100.0.2, UDP 4789, VNI 42),
# crosses the underlay, and is unwrapped on host2. The violet ring is the outer packet.
ip netns exec a ping -c 1 -W 1 10.0.0.3

# The overlay costs 50 bytes: vxlan42's MTU is 1450 while the underlay's is 1500.
ip -n host1 link show vxlan42
bridge -n host1 fdb show dev vxlan42
