/**
 * Keep a windowed view told where the page is: `onScroll` on every scroll (keep it cheap),
 * `onLayout` now and whenever the window, the page (panels above growing or shrinking move a
 * list without a scroll) or any of `observed` changes size. Returns the function that stops it.
 */
export function followPage(
	onScroll: () => void,
	onLayout: () => void,
	...observed: Element[]
): () => void {
	onLayout();
	const resize = new ResizeObserver(() => onLayout());
	for (const element of [...observed, document.body]) resize.observe(element);
	window.addEventListener('scroll', onScroll, { passive: true });
	window.addEventListener('resize', onLayout);
	return () => {
		resize.disconnect();
		window.removeEventListener('scroll', onScroll);
		window.removeEventListener('resize', onLayout);
	};
}
