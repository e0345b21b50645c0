# macvlan: containers with their own MAC and address directly on the host's LAN
# (192.168.1.0/24, the router at 192.168.1.1), no bridge and no NAT.
docker network create -d macvlan --subnet 192.168.1.0/24 --gateway 192.168.1.1 -o parent=eth0 lan
docker run -d --name printer --network lan --ip 192.168.1.50 nginx
docker run -d --name camera --network lan --ip 192.168.1.51 alpine sleep 1000

# eth0 in the container is a macvlan of the host's eth0 (mode bridge).
docker exec camera ip -d link show eth0

# Neighbours on the LAN and the router answer directly.
docker exec camera ping -c 1 -W 1 192.168.1.50
docker exec camera ping -c 1 -W 1 192.168.1.1
docker exec camera ping -c 1 -W 1 8.8.8.8

# But never the host itself: Linux does not pass frames between a macvlan and its parent.
docker exec camera ping -c 1 -W 1 192.168.1.11
ping -c 1 -W 1 192.168.1.50

# A VLAN parent (eth0.50) is created on demand.
docker network create -d macvlan --subnet 10.50.0.0/24 -o parent=eth0.50 vlan50
ip -d link show eth0.50
