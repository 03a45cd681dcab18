import pg from "pg";
const pw = (await import("node:fs")).readFileSync("/tmp/data150/pg-password","utf8").trim();
for (const host of ["127.0.0.1","/tmp","127.0.0.1","/tmp"]) {
  const pool = new pg.Pool({ host, port: 5499, user: "sofia", password: pw, database: "sofia", max: 10 });
  await Promise.all(Array.from({length:10},()=>pool.query("select 1")));
  const c0 = process.cpuUsage(); const t0 = performance.now();
  let n = 0;
  await Promise.all(Array.from({length:20}, async () => { while (n < 30000) { n++; await pool.query("select $1::int", [n]); } }));
  const c = process.cpuUsage(c0); const t = performance.now() - t0;
  console.log(host, "wall", Math.round(t), "ms; user", Math.round(c.user/1000), "sys", Math.round(c.system/1000), "ms; q/s", Math.round(30000/(t/1000)));
  await pool.end();
}
