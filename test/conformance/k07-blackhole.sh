# Blackhole, unreachable and prohibit routes versus a default route; deleting them
ip netns add h
ip netns add r
ip -n h link add eth0 type veth peer name eth0 netns r
ip -n h addr add 10.80.0.2/24 dev eth0
ip -n r addr add 10.80.0.1/24 dev eth0
ip -n r addr add 10.9.1.1/32 dev lo
ip -n r addr add 10.10.1.1/32 dev lo
ip -n h link set eth0 up
ip -n r link set eth0 up
ip -n r link set lo up
ip -n h route add default via 10.80.0.1
ip netns exec h ping -c 1 -W 1 10.9.1.1
ip -n h route add blackhole 10.9.0.0/16
ip netns exec h ping -c 1 -W 1 10.9.1.1
ip netns exec h nc -z -w 1 10.9.1.1 80
ip -n h route add blackhole 10.9.0.0/16
ip -n h route add 10.9.1.0/24 via 10.80.0.1
ip netns exec h ping -c 1 -W 1 10.9.1.1
ip -n h route del 10.9.1.0/24
ip netns exec h ping -c 1 -W 1 10.9.1.1
ip -n h route del blackhole 10.9.0.0/16
ip netns exec h ping -c 1 -W 1 10.9.1.1
ip -n h route del blackhole 10.9.0.0/16
ip netns exec h ping -c 1 -W 1 10.10.1.1
ip -n h route add unreachable 10.10.0.0/16
ip netns exec h ping -c 1 -W 1 10.10.1.1
ip -n h route add prohibit 10.11.0.0/16
ip netns exec h ping -c 1 -W 1 10.11.1.1
ip -n h route del 10.10.0.0/16
ip netns exec h ping -c 1 -W 1 10.10.1.1
ip -n h route add blackhole default
ip -n h route add blackhole 0.0.0.0/0 metric 10
ip netns exec h ping -c 1 -W 1 10.10.1.1
ip -n h route del default via 10.80.0.1
ip netns exec h ping -c 1 -W 1 10.10.1.1
ip netns exec h ping -c 1 -W 1 10.80.0.1
