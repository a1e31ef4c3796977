package fr.jalon.web;

import java.util.Set;

import fr.jalon.system.French;

import org.springframework.stereotype.Component;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IPostProcessorDialect;
import org.thymeleaf.engine.AbstractTemplateHandler;
import org.thymeleaf.model.IAttribute;
import org.thymeleaf.model.ICloseElementTag;
import org.thymeleaf.model.IModelFactory;
import org.thymeleaf.model.IOpenElementTag;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.model.IStandaloneElementTag;
import org.thymeleaf.model.IText;
import org.thymeleaf.postprocessor.IPostProcessor;
import org.thymeleaf.postprocessor.PostProcessor;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * French typography ({@link French#typeset}) set in one place for every HTML page: on the text people read and on
 * the attributes read to them (title, alt, aria-label, aria-description, placeholder), after the template has been
 * processed. Left as they are: scripts, styles, preformatted text and code, a textarea's content and every input's
 * value (what the user typed comes back byte for byte). Spring Boot adds this dialect to the template engine.
 */
@Component
public class FrenchTypography extends AbstractDialect implements IPostProcessorDialect {

	/** Elements whose content is not prose: typography stays out of them. */
	private static final Set<String> VERBATIM = Set.of("script", "style", "pre", "code", "textarea");

	/** Attributes that are read to people. */
	private static final Set<String> READ_ATTRIBUTES = Set.of("title", "alt", "aria-label", "aria-description",
			"placeholder");

	public FrenchTypography() {
		super("Typographie française");
	}

	@Override
	public int getDialectPostProcessorPrecedence() {
		return 1000;
	}

	@Override
	public Set<IPostProcessor> getPostProcessors() {
		return Set.of(new PostProcessor(TemplateMode.HTML, Handler.class, 1000));
	}

	/** One page's pass: a fresh handler per processed template. */
	public static final class Handler extends AbstractTemplateHandler {

		/** How deep inside verbatim elements the text now is. */
		private int verbatim;

		@Override
		public void handleText(IText text) {
			String content = text.getText();
			if (verbatim > 0 || content.isBlank()) {
				super.handleText(text);
				return;
			}
			String typeset = typeset(content);
			super.handleText(typeset.equals(content) ? text : getContext().getModelFactory().createText(typeset));
		}

		@Override
		public void handleOpenElement(IOpenElementTag tag) {
			if (VERBATIM.contains(name(tag))) {
				verbatim++;
			}
			super.handleOpenElement(typesetAttributes(tag));
		}

		@Override
		public void handleCloseElement(ICloseElementTag tag) {
			if (VERBATIM.contains(tag.getElementCompleteName().toLowerCase(java.util.Locale.ROOT)) && verbatim > 0) {
				verbatim--;
			}
			super.handleCloseElement(tag);
		}

		@Override
		public void handleStandaloneElement(IStandaloneElementTag tag) {
			super.handleStandaloneElement(typesetAttributes(tag));
		}

		private <T extends IProcessableElementTag> T typesetAttributes(T tag) {
			T result = tag;
			IModelFactory factory = null;
			for (IAttribute attribute : tag.getAllAttributes()) {
				String name = attribute.getAttributeCompleteName().toLowerCase(java.util.Locale.ROOT);
				String value = attribute.getValue();
				if (READ_ATTRIBUTES.contains(name) && value != null) {
					String typeset = French.typeset(value);
					if (!typeset.equals(value)) {
						factory = factory == null ? getContext().getModelFactory() : factory;
						result = factory.setAttribute(result, attribute.getAttributeCompleteName(), typeset);
					}
				}
			}
			return result;
		}

		private static String name(IProcessableElementTag tag) {
			return tag.getElementCompleteName().toLowerCase(java.util.Locale.ROOT);
		}

		/**
		 * A text node that opens with « : » or « ? » follows an element that ended with a word (« <strong>Charte</strong>
		 * : »): it is set as if that word were there.
		 */
		private static String typeset(String text) {
			if (text.length() > 1 && (text.charAt(0) == ' ' || text.charAt(0) == '\u00A0')
					&& ":;!?".indexOf(text.stripLeading().charAt(0)) >= 0 && !text.stripLeading().startsWith(":/")) {
				return French.typeset("x" + text).substring(1);
			}
			return French.typeset(text);
		}

	}

}
