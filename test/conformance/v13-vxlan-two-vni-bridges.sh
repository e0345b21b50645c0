# Two VNIs on one host, each VXLAN in its own bridge; the same inner subnet on both stays apart
ip netns add h1
ip netns add h2
ip -n h1 link add phy type veth peer name phy netns h2
ip -n h1 addr add 10.100.0.1/24 dev phy
ip -n h2 addr add 10.100.0.2/24 dev phy
ip -n h1 link set phy up
ip -n h2 link set phy up
ip netns add a1
ip netns add b1
ip -n h1 link add bra type bridge
ip -n h1 link add brb type bridge
ip -n h1 link add vxa type vxlan id 100 dstport 4789 remote 10.100.0.2 dev phy
ip -n h1 link add vxb type vxlan id 200 dstport 4789 remote 10.100.0.2 dev phy
ip -n h2 link add vxa type vxlan id 100 dstport 4789 remote 10.100.0.1 dev phy
ip -n h2 link add vxb type vxlan id 200 dstport 4789 remote 10.100.0.1 dev phy
ip -n h1 link set vxa master bra
ip -n h1 link set vxb master brb
ip -n h1 link add pa type veth peer name eth0 netns a1
ip -n h1 link add pb type veth peer name eth0 netns b1
ip -n h1 link set pa master bra
ip -n h1 link set pb master brb
ip -n a1 addr add 10.9.0.1/24 dev eth0
ip -n b1 addr add 10.9.0.11/24 dev eth0
ip -n h2 addr add 10.9.0.2/24 dev vxa
ip -n h2 addr add 10.9.0.12/24 dev vxb
ip -n a1 link set eth0 up
ip -n b1 link set eth0 up
ip -n h1 link set pa up
ip -n h1 link set pb up
ip -n h1 link set vxa up
ip -n h1 link set vxb up
ip -n h2 link set vxa up
ip -n h2 link set vxb up
ip netns exec a1 ping -c 1 -W 1 10.9.0.2
ip -n h1 link set bra up
ip -n h1 link set brb up
ip -n a1 neigh flush all
ip netns exec a1 ping -c 1 -W 1 10.9.0.2
ip netns exec a1 ping -c 1 -W 1 10.9.0.12
ip netns exec b1 ping -c 1 -W 1 10.9.0.12
ip netns exec a1 ping -c 1 -W 1 10.9.0.11
ip -n h1 link set vxb nomaster
ip -n h1 link set vxb master bra
ip netns exec h2 ping -c 1 -W 1 10.9.0.11
