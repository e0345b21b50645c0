# VXLAN MTU and DF: 1450 with dev, 1500 without dev (outer fragmented, inner PMTU learned), df set
ip netns add h1
ip netns add h2
ip -n h1 link add phy type veth peer name phy netns h2
ip -n h1 addr add 10.100.0.1/24 dev phy
ip -n h2 addr add 10.100.0.2/24 dev phy
ip -n h1 link set phy up
ip -n h2 link set phy up
ip -n h1 link add vxa type vxlan id 1 dstport 4789 remote 10.100.0.2 dev phy
ip -n h2 link add vxa type vxlan id 1 dstport 4789 remote 10.100.0.1 dev phy
ip -n h1 link add vxb type vxlan id 2 dstport 4789 remote 10.100.0.2 local 10.100.0.1
ip -n h2 link add vxb type vxlan id 2 dstport 4789 remote 10.100.0.1 local 10.100.0.2
ip -n h1 link add vxc type vxlan id 3 dstport 4789 remote 10.100.0.2 local 10.100.0.1 df set
ip -n h2 link add vxc type vxlan id 3 dstport 4789 remote 10.100.0.1 local 10.100.0.2 df set
ip -n h1 addr add 10.1.0.1/24 dev vxa
ip -n h2 addr add 10.1.0.2/24 dev vxa
ip -n h1 addr add 10.2.0.1/24 dev vxb
ip -n h2 addr add 10.2.0.2/24 dev vxb
ip -n h1 addr add 10.3.0.1/24 dev vxc
ip -n h2 addr add 10.3.0.2/24 dev vxc
ip -n h1 link set vxa up
ip -n h2 link set vxa up
ip -n h1 link set vxb up
ip -n h2 link set vxb up
ip -n h1 link set vxc up
ip -n h2 link set vxc up
ip netns exec h1 ping -c 1 -W 1 -M do -s 1422 10.1.0.2
ip netns exec h1 ping -c 1 -W 1 -M do -s 1423 10.1.0.2
ip netns exec h1 ping -c 1 -W 1 -s 1423 10.1.0.2
ip netns exec h1 ping -c 1 -W 1 -M do -s 1472 10.2.0.2
ip netns exec h1 ping -c 1 -W 1 -M do -s 1472 10.2.0.2
ip netns exec h1 ping -c 1 -W 1 -M dont -s 1472 10.2.0.2
ip netns exec h1 ping -c 1 -W 1 -M do -s 1400 10.3.0.2
ip netns exec h1 ping -c 1 -W 1 -M do -s 1472 10.3.0.2
ip netns exec h1 ping -c 1 -W 1 -M do -s 1472 10.3.0.2
ip netns exec h1 ping -c 1 -W 1 -M dont -s 1472 10.3.0.2
ip netns exec h1 ping -c 1 -W 1 -M dont -s 1472 10.3.0.2
ip -n h1 link set vxa mtu 1451
ip -n h1 link set phy mtu 9000
ip -n h1 link set vxa mtu 8950
ip -n h1 link set vxa mtu 8951
ip -n h1 link add vxd type vxlan id 4 dstport 4789 remote 10.100.0.2 dev phy
ip -n h1 link set vxd mtu 8951
ip -n h1 link set vxd mtu 8950
ip -n h1 link set vxb mtu 9000
ip -n h1 link set vxb mtu 65536
