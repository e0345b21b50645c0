# ipvlan: containers with their own addresses directly on the host's LAN
# (192.168.1.0/24, the router at 192.168.1.1), like macvlan but sharing the host's MAC:
# the ipvlan driver tells them apart by IP address. Docker's default is L2 mode.
docker network create -d ipvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 -o parent=eth0 lan
docker run -d --name printer --network lan --ip 192.168.1.50 nginx
docker run -d --name camera --network lan --ip 192.168.1.51 alpine sleep 1000

# eth0 in the container is an ipvlan slave of the host's eth0 (mode l2, flag bridge)...
docker exec camera ip -d link show eth0
# ...with the very MAC address of the host's eth0, not a 02:42:… one.
ip link show eth0

# Neighbours on the LAN and the router answer directly; every container address is
# at the host's MAC in the router's ARP table.
docker exec camera ping -c 1 -W 1 192.168.1.50
docker exec camera ping -c 1 -W 1 192.168.1.1
docker exec camera ping -c 1 -W 1 8.8.8.8
docker exec camera ip neigh

# But never the host itself: the parent's stack never sees its slaves' ARP, nor they its.
docker exec camera ping -c 1 -W 1 192.168.1.11
ping -c 1 -W 1 192.168.1.50

# L3 mode on a VLAN parent (eth0.60, created on demand): the slaves are NOARP and
# their default route is just "dev eth0"; the host's own stack routes what they send.
docker network create -d ipvlan --subnet 10.60.0.0/24 -o parent=eth0.60 -o ipvlan_mode=l3 l3net
docker run -d --name sensor --network l3net alpine sleep 1000
docker exec sensor ip -d link show eth0
docker exec sensor ip route
docker network inspect l3net
