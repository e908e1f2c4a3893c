// A minimal OpenLine (4casters-compatible) streaming client: logs in over REST, opens the price
// feed and the user feed, subscribes to one league, and prints what arrives.
//
//   cd examples && npm install && node price-feed.mjs [league] [seconds]
//
// Settings: OPENLINE_URL (default http://127.0.0.1:5080), OPENLINE_USER / OPENLINE_PASSWORD
// (default the demo user alice). It stops by itself after [seconds] (default 30).
import WebSocket from 'ws';

const base = process.env.OPENLINE_URL ?? 'http://127.0.0.1:5080';
const league = process.argv[2] ?? 'NBA';
const seconds = Number(process.argv[3] ?? 30);

const login = await fetch(`${base}/user/login`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({
    username: process.env.OPENLINE_USER ?? 'alice',
    password: process.env.OPENLINE_PASSWORD ?? 'alice-demo-pass',
  }),
});
if (!login.ok) {
  console.error(`login failed: ${login.status} ${await login.text()}`);
  process.exit(1);
}
const token = (await login.json()).data.user.auth;
const wsBase = base.replace(/^http/, 'ws');

// Price feed: everything by default; subscribe with replace narrows it to one league.
const prices = new WebSocket(`${wsBase}/price-stream`, { headers: { Authorization: token } });
prices.on('open', () => {
  prices.send(JSON.stringify({ type: 'subscribe', gameIDs: [], leagueIDs: [league], sportIDs: [], replace: true }));
  console.log(`price feed: subscribed to ${league}`);
});
prices.on('message', (data) => {
  const [type, payload] = JSON.parse(data.toString());
  if (type === 'orderUpdate') {
    const best = payload.sideOrders[0];
    const where = payload.type === 'total' ? `${payload.OU} ${payload.total}` : payload.participantID ?? payload.market;
    console.log(`orderUpdate ${payload.gameID} ${payload.type} ${where}: ${payload.sideOrders.length} offers` +
      (best ? `, best ${best.odds} for up to ${best.sumUntaken}` : ''));
  } else if (type === 'gameUpdate') {
    console.log(`gameUpdate ${payload.id} ${payload.eventName ?? ''} ${payload.messageType} live=${payload.live}`);
  } else if (type === 'matchedVolumeUpdate') {
    console.log(`matchedVolumeUpdate ${payload.gameID}: ${payload.matchedVolume}`);
  }
});

// User feed: this account's own placements, fills and cancels.
const user = new WebSocket(`${wsBase}/v2/user`, { headers: { Authorization: token } });
user.on('message', (data) => {
  const m = JSON.parse(data.toString());
  const what = m.matched ? (m.unmatched ? 'your order was hit' : 'you took an offer')
    : m.unmatched?.offered === 0 ? 'order cancelled' : 'order placed';
  console.log(`user feed ${m.messageID}: ${what} on ${m.gameID}`);
});

for (const socket of [prices, user]) {
  socket.on('error', (error) => console.error(`socket error: ${error.message}`));
}
setTimeout(() => {
  prices.close();
  user.close();
  console.log('done');
}, seconds * 1000);
