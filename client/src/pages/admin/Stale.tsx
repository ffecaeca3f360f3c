export default function StalePage() {
  return <h1>Stale</h1>;
}
