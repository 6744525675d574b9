import { Link, PageHeader } from '../components/ui';
import { useTitle } from '../hooks';

export function NotFoundPage() {
  useTitle('Not found');
  return (
    <>
      <PageHeader title="Page not found" />
      <div class="state state-empty">
        <strong>There is nothing at this address.</strong>
        <Link href="/">Go to the live monitor</Link>
      </div>
    </>
  );
}
