export default function EditPage() {
  return <h1>Edit</h1>;
}
