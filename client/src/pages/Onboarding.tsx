export default function OnboardingPage() {
  return <h1>Onboarding</h1>;
}
