import { NotFound } from '@/components/ui/not-found';

export function NotFoundPage() {
  return (
    <NotFound
      title="Page non trouvée"
      lead="La page que vous cherchez est introuvable. Vérifiez l'adresse saisie, ou revenez à l'accueil."
    />
  );
}

export default NotFoundPage;
