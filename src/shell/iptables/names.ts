/**
 * The name databases iptables consults through libc: /etc/services (ports), /etc/protocols,
 * /etc/hosts and /etc/networks, as a Debian 12 machine ships them, plus the name tables
 * compiled into the iptables extensions (ICMP types, TCP flags, log levels, reject types).
 * Host names come from the machine's own /etc/hosts. There is no DNS: every other address
 * stays numeric, as if reverse lookups failed.
 */

/** /etc/services: `name port protocols aliases...`, protocols `t` (tcp) and/or `u` (udp). */
const SERVICES = `
tcpmux 1 t
echo 7 tu
discard 9 tu sink null
systat 11 t users
daytime 13 tu
netstat 15 t
qotd 17 t quote
chargen 19 tu ttytst source
ftp-data 20 t
ftp 21 t
fsp 21 u fspd
ssh 22 t
telnet 23 t
smtp 25 t mail
time 37 tu timserver
whois 43 t nicname
tacacs 49 tu
domain 53 tu
bootps 67 u
bootpc 68 u
tftp 69 u
gopher 70 t
finger 79 t
http 80 t www
kerberos 88 tu kerberos5 krb5 kerberos-sec
iso-tsap 102 t tsap
acr-nema 104 t dicom
pop3 110 t pop-3
sunrpc 111 tu portmapper
auth 113 t authentication tap ident
nntp 119 t readnews untp
ntp 123 u
epmap 135 t loc-srv
netbios-ns 137 u
netbios-dgm 138 u
netbios-ssn 139 t
imap2 143 t imap
snmp 161 tu
snmp-trap 162 tu snmptrap
cmip-man 163 tu
cmip-agent 164 tu
mailq 174 t
xdmcp 177 u
bgp 179 t
smux 199 t
qmtp 209 t
z3950 210 t wais
ipx 213 u
ptp-event 319 u
ptp-general 320 u
pawserv 345 t
zserv 346 t
rpc2portmap 369 tu
codaauth2 370 tu
clearcase 371 u Clearcase
ldap 389 tu
svrloc 427 tu
https 443 tu
snpp 444 t
microsoft-ds 445 t
kpasswd 464 tu
submissions 465 t ssmtp smtps urd
saft 487 t
isakmp 500 u
rtsp 554 tu
nqs 607 t
asf-rmcp 623 u
qmqp 628 t
ipp 631 t
ldp 646 tu
exec 512 t
biff 512 u comsat
login 513 t
who 513 u whod
shell 514 t cmd syslog
syslog 514 u
printer 515 t spooler
talk 517 u
ntalk 518 u
route 520 u router routed
gdomap 538 tu
uucp 540 t uucpd
klogin 543 t
kshell 544 t krcmd
dhcpv6-client 546 u
dhcpv6-server 547 u
afpovertcp 548 t
nntps 563 t snntp
submission 587 t
ldaps 636 tu
tinc 655 tu
silc 706 t
kerberos-adm 749 t
domain-s 853 tu
rsync 873 t
ftps-data 989 t
ftps 990 t
telnets 992 t
imaps 993 t
pop3s 995 t
socks 1080 t
proofd 1093 t
rootd 1094 t
openvpn 1194 tu
rmiregistry 1099 t
lotusnote 1352 t lotusnotes
ms-sql-s 1433 t
ms-sql-m 1434 u
ingreslock 1524 t
datametrics 1645 tu old-radius
sa-msg-port 1646 tu old-radacct
kermit 1649 t
groupwise 1677 t
l2f 1701 u l2tp
radius 1812 tu
radius-acct 1813 tu radacct
cisco-sccp 2000 t
nfs 2049 tu
gnunet 2086 tu
rtcm-sc104 2101 tu
gsigatekeeper 2119 t
gris 2135 t
cvspserver 2401 t
venus 2430 tu
venus-se 2431 tu
codasrv 2432 tu
codasrv-se 2433 tu
mon 2583 tu
dict 2628 t
f5-globalsite 2792 t
gsiftp 2811 t
gpsd 2947 t
gds-db 3050 t gds_db
icpv2 3130 u icp
isns 3205 tu
iscsi-target 3260 t
mysql 3306 t
ms-wbt-server 3389 t
nut 3493 tu
distcc 3632 t
daap 3689 t
svn 3690 t subversion
suucp 4031 t
sysrqd 4094 t
sieve 4190 t
epmd 4369 t
remctl 4373 t
f5-iquery 4353 t
ntske 4460 t
ipsec-nat-t 4500 u
iax 4569 u
mtn 4691 t
radmin-port 4899 t
sip 5060 tu
sip-tls 5061 tu
xmpp-client 5222 t jabber-client
xmpp-server 5269 t jabber-server
cfengine 5308 t
mdns 5353 u
postgresql 5432 t postgres
freeciv 5556 t rptp
amqps 5671 t
amqp 5672 t
x11 6000 t x11-0
x11-1 6001 t
x11-2 6002 t
x11-3 6003 t
x11-4 6004 t
x11-5 6005 t
x11-6 6006 t
x11-7 6007 t
gnutella-svc 6346 tu
gnutella-rtr 6347 tu
redis 6379 t
sge-qmaster 6444 t sge_qmaster
sge-execd 6445 t sge_execd
mysql-proxy 6446 t
babel 6696 u
ircs-u 6697 t
bbs 7000 t
afs3-fileserver 7000 u
afs3-callback 7001 u
afs3-prserver 7002 u
afs3-vlserver 7003 u
afs3-kaserver 7004 u
afs3-volser 7005 u
afs3-bos 7007 u
afs3-update 7008 u
afs3-rmtsys 7009 u
font-service 7100 t xfs
http-alt 8080 t webcache
puppet 8140 t
bacula-dir 9101 t
bacula-fd 9102 t
bacula-sd 9103 t
xmms2 9667 t
nbd 10809 t
zabbix-agent 10050 t
zabbix-trapper 10051 t
amanda 10080 t
dicom 11112 t
hkp 11371 t
db-lsp 17500 t
dcap 22125 t
gsidcap 22128 t
wnn6 22273 t
kerberos4 750 tu kerberos-iv kdc
kerberos-master 751 u kerberos_master
kerberos-master 751 t
passwd-server 752 u passwd_server
krb-prop 754 t krb_prop krb5_prop hprop
zephyr-srv 2102 u
zephyr-clt 2103 u
zephyr-hm 2104 u
iprop 2121 t
supfilesrv 871 t
supfiledbg 1127 t
poppassd 106 t
moira-db 775 t moira_db
moira-update 777 t moira_update
moira-ureg 779 u moira_ureg
spamd 783 t
skkserv 1178 t
predict 1210 u
rmtcfg 1236 t
xtel 1313 t
xtelw 1314 t
zebrasrv 2600 t
zebra 2601 t
ripd 2602 t
ripngd 2603 t
ospfd 2604 t
bgpd 2605 t
ospf6d 2606 t
ospfapi 2607 t
isisd 2608 t
fax 4557 t
hylafax 4559 t
munin 4949 t lrrd
rplay 5555 u
nrpe 5666 t
nsca 5667 t
canna 5680 t
syslog-tls 6514 t
sane-port 6566 t sane saned
ircd 6667 t
zope-ftp 8021 t
tproxy 8081 t
omniorb 8088 t
clc-build-daemon 8990 t
xinetd 9098 t
git 9418 t
zope 9673 t
webmin 10000 t
kamanda 10081 t
amandaidx 10082 t
amidxtape 10083 t
sgi-cmsd 17001 u
sgi-crsd 17002 u
sgi-gcd 17003 u
sgi-cad 17004 t
binkp 24554 t
asp 27374 tu
csync2 30865 t
dircproxy 57000 t
tfido 60177 t
fido 60179 t
`;

/** /etc/protocols: `name number aliases...`. */
const PROTOCOLS = `
ip 0 IP
hopopt 0 HOPOPT
icmp 1 ICMP
igmp 2 IGMP
ggp 3 GGP
ipencap 4 IP-ENCAP
st 5 ST
tcp 6 TCP
egp 8 EGP
igp 9 IGP
pup 12 PUP
udp 17 UDP
hmp 20 HMP
xns-idp 22 XNS-IDP
rdp 27 RDP
iso-tp4 29 ISO-TP4
dccp 33 DCCP
xtp 36 XTP
ddp 37 DDP
idpr-cmtp 38 IDPR-CMTP
ipv6 41 IPv6
ipv6-route 43 IPv6-Route
ipv6-frag 44 IPv6-Frag
idrp 45 IDRP
rsvp 46 RSVP
gre 47 GRE
esp 50 IPSEC-ESP
ah 51 IPSEC-AH
skip 57 SKIP
ipv6-icmp 58 IPv6-ICMP
ipv6-nonxt 59 IPv6-NoNxt
ipv6-opts 60 IPv6-Opts
rspf 73 RSPF CPHB
vmtp 81 VMTP
eigrp 88 EIGRP
ospf 89 OSPFIGP
ax.25 93 AX.25
ipip 94 IPIP
etherip 97 ETHERIP
encap 98 ENCAP
pim 103 PIM
ipcomp 108 IPCOMP
vrrp 112 VRRP
l2tp 115 L2TP
isis 124 ISIS
sctp 132 SCTP
fc 133 FC
mobility-header 135 Mobility-Header
udplite 136 UDPLite
mpls-in-ip 137 MPLS-in-IP
manet 138
hip 139 HIP
shim6 140 Shim6
wesp 141 WESP
rohc 142 ROHC
ethernet 143 Ethernet
mptcp 262 MPTCP
`;

interface Service {
  name: string;
  port: number;
  tcp: boolean;
  udp: boolean;
  aliases: string[];
}

const services: Service[] = SERVICES.trim()
  .split('\n')
  .map((line) => {
    const [name, port, protos, ...aliases] = line.split(' ');
    return { name, port: Number(port), tcp: protos.includes('t'), udp: protos.includes('u'), aliases };
  });

type PortProto = 'tcp' | 'udp';

function offers(s: Service, proto: PortProto): boolean {
  return proto === 'tcp' ? s.tcp : s.udp;
}

/** getservbyport(3): the first service on that port for the protocol. */
export function serviceName(port: number, proto: PortProto): string | null {
  return services.find((s) => s.port === port && offers(s, proto))?.name ?? null;
}

/** getservbyname(3): a name or alias for the protocol. */
export function servicePort(name: string, proto: PortProto): number | null {
  return services.find((s) => offers(s, proto) && (s.name === name || s.aliases.includes(name)))?.port ?? null;
}

const protocols = PROTOCOLS.trim()
  .split('\n')
  .map((line) => {
    const [name, num, ...aliases] = line.split(' ');
    return { name, num: Number(num), aliases };
  });

/** getprotobynumber(3). */
export function protocolName(num: number): string | null {
  return protocols.find((p) => p.num === num)?.name ?? null;
}

/** getprotobyname(3), then the names iptables knows itself (xtables_chain_protos). */
export function protocolNumber(name: string): number | null {
  const p = protocols.find((q) => q.name === name || q.aliases.includes(name));
  if (p) return p.num;
  const builtin: Record<string, number> = { tcp: 6, sctp: 132, udp: 17, udplite: 136, icmp: 1, icmpv6: 58, esp: 50, ah: 51, mh: 135, all: 0 };
  return name in builtin ? builtin[name] : null;
}

/** /etc/networks as Debian ships it. */
const NETWORKS: Record<string, number> = { default: 0, loopback: 0x7f000000, 'link-local': 0xa9fe0000 };

/** Host name lookups (gethostbyname / gethostbyaddr) against a machine's /etc/hosts. */
export interface HostsDb {
  byName(name: string): number | null;
  byAddr(addr: number): string | null;
}

/** The IPv4 lines of an /etc/hosts text; without one, a stock machine's `127.0.0.1 localhost`. */
export function hostsDb(text = '127.0.0.1\tlocalhost\n'): HostsDb {
  const entries: { addr: number; names: string[] }[] = [];
  for (const line of text.split('\n')) {
    const [addr, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(addr ?? '');
    if (!m || names.length === 0) continue;
    entries.push({ addr: ((+m[1] << 24) | (+m[2] << 16) | (+m[3] << 8) | +m[4]) >>> 0, names });
  }
  return {
    byName: (name) => entries.find((e) => e.names.includes(name))?.addr ?? null,
    byAddr: (addr) => entries.find((e) => e.addr === addr)?.names[0] ?? null,
  };
}

/** getnetbyaddr(3): the network name of exactly that network number. */
export function networkName(addr: number): string | null {
  for (const [name, a] of Object.entries(NETWORKS)) if (a === addr) return name;
  return null;
}

/** getnetbyname(3), which iptables tries after host names. */
export function resolveNetwork(name: string): number | null {
  return Object.hasOwn(NETWORKS, name) ? NETWORKS[name] : null;
}

/** libxt_icmp's table: name, type, code range. The first entry for a type/code is the one printed. */
export const ICMP_TYPES: readonly { name: string; type: number; min: number; max: number }[] = [
  { name: 'any', type: 0xff, min: 0, max: 0xff },
  { name: 'echo-reply', type: 0, min: 0, max: 0xff },
  { name: 'pong', type: 0, min: 0, max: 0xff },
  { name: 'destination-unreachable', type: 3, min: 0, max: 0xff },
  { name: 'network-unreachable', type: 3, min: 0, max: 0 },
  { name: 'host-unreachable', type: 3, min: 1, max: 1 },
  { name: 'protocol-unreachable', type: 3, min: 2, max: 2 },
  { name: 'port-unreachable', type: 3, min: 3, max: 3 },
  { name: 'fragmentation-needed', type: 3, min: 4, max: 4 },
  { name: 'source-route-failed', type: 3, min: 5, max: 5 },
  { name: 'network-unknown', type: 3, min: 6, max: 6 },
  { name: 'host-unknown', type: 3, min: 7, max: 7 },
  { name: 'network-prohibited', type: 3, min: 9, max: 9 },
  { name: 'host-prohibited', type: 3, min: 10, max: 10 },
  { name: 'TOS-network-unreachable', type: 3, min: 11, max: 11 },
  { name: 'TOS-host-unreachable', type: 3, min: 12, max: 12 },
  { name: 'communication-prohibited', type: 3, min: 13, max: 13 },
  { name: 'host-precedence-violation', type: 3, min: 14, max: 14 },
  { name: 'precedence-cutoff', type: 3, min: 15, max: 15 },
  { name: 'source-quench', type: 4, min: 0, max: 0xff },
  { name: 'redirect', type: 5, min: 0, max: 0xff },
  { name: 'network-redirect', type: 5, min: 0, max: 0 },
  { name: 'host-redirect', type: 5, min: 1, max: 1 },
  { name: 'TOS-network-redirect', type: 5, min: 2, max: 2 },
  { name: 'TOS-host-redirect', type: 5, min: 3, max: 3 },
  { name: 'echo-request', type: 8, min: 0, max: 0xff },
  { name: 'ping', type: 8, min: 0, max: 0xff },
  { name: 'router-advertisement', type: 9, min: 0, max: 0xff },
  { name: 'router-solicitation', type: 10, min: 0, max: 0xff },
  { name: 'time-exceeded', type: 11, min: 0, max: 0xff },
  { name: 'ttl-exceeded', type: 11, min: 0, max: 0xff },
  { name: 'ttl-zero-during-transit', type: 11, min: 0, max: 0 },
  { name: 'ttl-zero-during-reassembly', type: 11, min: 1, max: 1 },
  { name: 'parameter-problem', type: 12, min: 0, max: 0xff },
  { name: 'ip-header-bad', type: 12, min: 0, max: 0 },
  { name: 'required-option-missing', type: 12, min: 1, max: 1 },
  { name: 'timestamp-request', type: 13, min: 0, max: 0xff },
  { name: 'timestamp-reply', type: 14, min: 0, max: 0xff },
  { name: 'address-mask-request', type: 17, min: 0, max: 0xff },
  { name: 'address-mask-reply', type: 18, min: 0, max: 0xff },
];

/** libxt_tcp's flag names, in the order it prints them. */
export const TCP_FLAGS: readonly { name: string; bit: number }[] = [
  { name: 'FIN', bit: 0x01 },
  { name: 'SYN', bit: 0x02 },
  { name: 'RST', bit: 0x04 },
  { name: 'PSH', bit: 0x08 },
  { name: 'ACK', bit: 0x10 },
  { name: 'URG', bit: 0x20 },
  { name: 'ALL', bit: 0x3f },
  { name: 'NONE', bit: 0 },
];

/** Syslog levels as `iptables -L` names them (the nft log expression's names). */
export const LOG_LEVEL_NAMES: readonly string[] = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];

/** The names `--log-level` accepts (libxt_LOG). */
export const LOG_LEVEL_INPUT: Record<string, number> = {
  alert: 1,
  crit: 2,
  debug: 7,
  emerg: 0,
  error: 3,
  info: 6,
  notice: 5,
  panic: 0,
  warning: 4,
};
