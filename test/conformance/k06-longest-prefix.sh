# Longest-prefix match: overlapping routes via two gateways; only one gateway forwards
ip netns add h
ip netns add good
ip netns add bad
ip netns add t
ip -n h link add g0 type veth peer name lan netns good
ip -n h link add b0 type veth peer name lan netns bad
ip -n good link add far type veth peer name eth0 netns t
ip -n h addr add 10.60.1.2/24 dev g0
ip -n h addr add 10.60.2.2/24 dev b0
ip -n good addr add 10.60.1.1/24 dev lan
ip -n bad addr add 10.60.2.1/24 dev lan
ip -n good addr add 10.70.5.1/24 dev far
ip -n t addr add 10.70.5.10/24 dev eth0
ip -n h link set g0 up
ip -n h link set b0 up
ip -n good link set lan up
ip -n good link set far up
ip -n bad link set lan up
ip -n t link set eth0 up
ip -n t route add default via 10.70.5.1
ip netns exec good sysctl -w net.ipv4.ip_forward=1
ip netns exec h ping -c 1 -W 1 10.70.5.10
ip -n h route add 10.70.0.0/16 via 10.60.1.1
ip netns exec h ping -c 1 -W 1 10.70.5.10
ip -n h route add 10.70.5.0/24 via 10.60.2.1
ip netns exec h ping -c 1 -W 1 10.70.5.10
ip -n h route add 10.70.5.10/32 via 10.60.1.1
ip netns exec h ping -c 1 -W 1 10.70.5.10
ip netns exec h ping -c 1 -W 1 10.70.5.1
ip -n h route del 10.70.5.10/32
ip netns exec h ping -c 1 -W 1 10.70.5.10
ip -n h route del 10.70.5.0/24
ip netns exec h ping -c 1 -W 1 10.70.5.10
ip -n h route add default via 10.60.2.1
ip netns exec h ping -c 1 -W 1 10.70.5.10
ip -n h route del 10.70.0.0/16
ip netns exec h ping -c 1 -W 1 10.70.5.10
ip -n h route del 10.70.0.0/16
